"""Write the KB's pattern table the package ships (src/eventledger/nlp/data/kb_patterns.json.gz).

    python scripts/build_kb_patterns.py

Run it after editing the knowledge base (src/eventledger/kb: its code or data files) or
src/eventledger/nlp/patterns.py: the table's fingerprint then no longer matches, every process
builds the patterns itself (seconds each), and tests/nlp/test_kb_matcher.py fails until it is run.
"""

from __future__ import annotations

from pathlib import Path

from eventledger.nlp.kb_matcher import TABLE_FILE, fingerprint, write_table

TARGET = Path(__file__).resolve().parents[1] / "src" / "eventledger" / "nlp" / "data" / TABLE_FILE

if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    write_table(TARGET)
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes, fingerprint {fingerprint()[:12]})")
