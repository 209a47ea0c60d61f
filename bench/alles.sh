#!/usr/bin/env bash
# Alle metingen in één keer: parse/check/analyse en evaluatie per regio, daarna de batchmeting
# (in het proces tegen de vloer en rule-engine, 100.000 en 1.000.000 casussen, koude start),
# de solvermeting (nog-nodig en wmo check op gegenereerde regelbestanden, z3 naast dd) en de
# vijandige groottes (grote tabellen, lange ketens, veel syntaxfouten).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check rule-engine
python3 bench/bench_engine.py
python3 bench/bench_batch.py --miljoen
python3 bench/bench_solver.py
python3 bench/bench_big.py
