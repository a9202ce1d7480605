#!/usr/bin/env bash
# Re-create every committed quality result in eval/results/ (run from anywhere; needs ./run.sh or ./test.sh setup).
# --sets-only: the question sets, without the (long) analyzer x fusion ablation.
set -euo pipefail
cd "$(dirname "$0")/.."
export HF_HUB_OFFLINE=1
py=.venv/bin/python
for set in dev extra scope situations everyday mixed parents fresh parents2 parents3 teachers2 kinder parents4 fresh2 fresh3 fresh4 fresh5 fresh6 fresh7 fresh8 fresh9 fresh10 fresh11 fresh12 fresh13 fresh14 fresh15 fresh16 fresh17 fresh18 fresh19 fresh20 fresh21 fresh22 fresh23 fresh24 fresh25 fresh26 fresh27 fresh28 fresh29 fresh30 fresh31 fresh32 fresh33 fresh34 fresh35 fresh36 fresh37 fresh38 fresh39 fresh40 fresh41 fresh42 fresh43 fresh44 fresh45 fresh46 fresh47 fresh48 fresh49 fresh50 fresh51 fresh52 fresh53 fresh54 fresh55 fresh56 fresh57 fresh58 fresh59 fresh60 fresh61 fresh62 fresh63 fresh64 fresh65 fresh66 fresh67 fresh68 fresh69 fresh70 fresh71 fresh72 fresh73 fresh74 fresh75 fresh76 fresh77 fresh78 fresh79 fresh80 fresh81 fresh82 fresh83 fresh84 fresh85 fresh86 fresh87 fresh88 fresh89 fresh90 fresh91 fresh92 fresh93 fresh94 fresh95 fresh96 fresh97 fresh98 fresh99 fresh100 fresh101 fresh102 fresh103 fresh104 fresh105 fresh106 fresh107 fresh108 fresh109 fresh110 fresh111 fresh112 fresh113 fresh114 fresh115 fresh116 fresh117 fresh118 fresh119 fresh120 fresh121 fresh122 fresh123 fresh124 fresh125 fresh126 fresh127 fresh128 fresh129 fresh130 fresh131 fresh132 fresh133 fresh134 fresh135 fresh136 fresh137 fresh138 fresh139 fresh140 fresh141 fresh142 fresh143 fresh144 fresh145 fresh146 fresh147 fresh148 fresh149 fresh150 fresh151 fresh152 fresh153 fresh154 fresh155 fresh156 fresh157 fresh158 fresh159 fresh160 fresh161 fresh162 fresh163 fresh164 fresh165 fresh166 fresh167 fresh168 fresh169 fresh170 fresh171 fresh172 fresh173 fresh174 fresh175 fresh176 fresh177 fresh178 fresh179 fresh180 fresh181 fresh182 fresh183 fresh184 fresh185 fresh186 fresh187 fresh188 fresh189 fresh190 fresh191 fresh192 fresh193 fresh194 fresh195 fresh196 fresh197 fresh198 fresh199 fresh200 fresh201 fresh202 fresh203 fresh204 fresh205 fresh206 fresh207 fresh208 fresh209 fresh210 fresh211 fresh212 fresh213 fresh214 fresh215 fresh216 fresh217 fresh218 fresh219 fresh220 fresh221 fresh222 fresh223 fresh224 fresh225 fresh226 fresh227 fresh228 fresh229 fresh230 fresh231 fresh232 fresh233 fresh234 fresh235 fresh236 fresh237 fresh238 fresh239 fresh240 fresh241 fresh242 fresh243 fresh244 fresh245 fresh246 fresh247 fresh248 fresh249 fresh250 fresh251 fresh252 fresh253 fresh254 fresh255 fresh256 fresh257 fresh258 fresh259 fresh260 fresh261 fresh262 fresh263 fresh264 fresh265 fresh266 fresh267 fresh268 fresh269 fresh270 fresh271 fresh272 fresh273 fresh274 fresh275 fresh276 fresh277 fresh278 fresh279 fresh280 fresh281 fresh282 fresh283 fresh284 fresh285 fresh286 fresh287 fresh288 fresh289 fresh290 fresh291 fresh292 fresh293 fresh294 fresh295 fresh296 fresh297 fresh298 fresh299 fresh300 fresh301 fresh302 fresh303 fresh304 fresh305 fresh306 fresh307 fresh308 fresh309 fresh310 fresh311 fresh312 fresh313 fresh314 fresh315 fresh316 fresh317 fresh318 fresh319 fresh320 fresh321 fresh322 fresh323 fresh324 fresh325 fresh326 fresh327 fresh328 fresh329; do
  cmd="python -m assistant eval --questions eval/$set-questions.jsonl"
  { echo "\$ $cmd"; $py -m assistant eval --questions "eval/$set-questions.jsonl" 2>/dev/null; } > "eval/results/$set-questions.txt"
  tail -n 1 "eval/results/$set-questions.txt" > "eval/results/$set-summary.json"
done
[ "${1:-}" = "--sets-only" ] && { echo "written: eval/results/<set>-questions.txt, <set>-summary.json"; exit 0; }
# Which lexical terms and which fusion serve best (each analyzer gets its own index folder).
out=eval/results/ablation.md
{
  echo "# Lexical analyzer x fusion (product row of \`eval\`, k=5)"
  echo
  echo "Command: \`ASSISTANT_LEXICAL=<a> ASSISTANT_FUSION=<f> python -m assistant eval --questions eval/<set>-questions.jsonl\`"
  echo
  echo "| lexical | fusion | set | recall@5 | hit@5 | MRR | abstention | faithfulness |"
  echo "|---|---|---|---|---|---|---|---|"
  for lex in lemma ngram lemma+ngram; do
    for fusion in weighted rrf; do
      for set in dev extra situations everyday; do
        line=$(ASSISTANT_INDEX="${TMPDIR:-/tmp}/assistant-ablation-$lex" ASSISTANT_LEXICAL=$lex ASSISTANT_FUSION=$fusion \
               $py -m assistant eval --questions "eval/$set-questions.jsonl" 2>/dev/null | tail -n 1)
        $py -c 'import json,sys; d=json.loads(sys.argv[4]); print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (*sys.argv[1:4], d["recall_at_k"], d["hit_at_k"], d["mrr"], d["abstention_accuracy"], d["faithfulness"]))' "$lex" "$fusion" "$set" "$line"
      done
    done
  done
} > "$out"
echo "written: eval/results/<set>-questions.txt, <set>-summary.json, ablation.md"
