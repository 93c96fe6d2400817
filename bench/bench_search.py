"""Search inside a workspace: indexing speed against extracting the text alone, and
the search page's answer time.

A workspace of BENCH_SEARCH_DOCS documents (default 10,000) of about 500 words each
(about 5 M words; Russian, Kazakh, Uzbek and English words and the region's names,
drawn with a Zipf distribution as in real text) is stored encrypted as uploads are.
Then, in the same run and process:

- the baseline reads every version's text alone: decrypt (gpg) and extract;
- indexing does all of it: decrypt, extract, seal the text, normalise and hash
  every word and write the postings;
- 200 searches (common and rare words, two words, phrases, names in another
  script) go through the search page (Django's test client, passages included).

It runs in a child process with a throwaway database (SQLite, or PostgreSQL when
DATABASE_URL is set) and the secure storage in a temporary folder.
"""

import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench import Figure

DOCUMENTS = int(os.environ.get("BENCH_SEARCH_DOCS", "10000"))
WORDS_PER_DOCUMENT = 500
QUERIES = 200

NAMES = [
    "Тошматов",
    "Toshmatov",
    "Қўқон",
    "Qoʻqon",
    "Kokand",
    "Самарқанд",
    "Samarkand",
    "Ташкент",
    "Toshkent",
    "Алматы",
    "Almaty",
    "Бишкек",
    "Душанбе",
    "Ashgabat",
    "Назарбаев",
    "Мирзиёев",
    "Mirziyoyev",
    "Жапаров",
    "Рахмон",
    "Fargʻona",
]
STEMS = [
    "деньг",
    "банк",
    "договор",
    "компани",
    "перевод",
    "счет",
    "директор",
    "суд",
    "pul",
    "bank",
    "shartnoma",
    "kompaniya",
    "hujjat",
    "sud",
    "direktor",
    "soliq",
    "ақша",
    "келісім",
    "компания",
    "құжат",
    "сот",
    "салық",
    "тендер",
    "offshore",
    "contract",
    "transfer",
    "company",
    "court",
    "licence",
    "ministry",
    "tender",
]
ENDINGS = ["", "а", "ов", "ами", "lar", "da", "dan", "ning", "тар", "ның", "s", "ed"]


def _vocabulary(rng: random.Random) -> list[str]:
    words = list(NAMES)
    for stem in STEMS:
        words += [stem + ending for ending in ENDINGS]
    letters = "абвгдеклмнопрстуқғңөүabdeghiklmnoprstuxyz"
    while len(words) < 60_000:
        words.append("".join(rng.choices(letters, k=rng.randint(4, 11))))
    return words


def _texts(count: int) -> Iterator[str]:
    rng = random.Random(2026)  # noqa: S311 - test data, not secrets
    words = _vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    for _ in range(count):
        chosen = rng.choices(words, weights=weights, k=WORDS_PER_DOCUMENT)
        yield " ".join(chosen) + "."


def _child() -> dict:
    """Runs in a child process: build the workspace, then measure."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from accounts.models import User
    from investigations import services as investigation_services
    from secure_docs import services
    from secure_docs.models import Document, DocumentVersion, SearchUnit
    from secure_docs.search import extract
    from secure_docs.services import unit_for_version

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    lead = User.objects.create_user(email="bench@example.org", password=None)
    TOTP.activate(lead, generate_totp_secret())
    investigation = investigation_services.investigation_create(
        actor=lead, title="Bench", codename="bench-search"
    )
    services.workspace_key_ensure(investigation=investigation)

    # The workspace, stored as uploads are (rows written directly: setting up is
    # not what is measured, and no index task may run yet).
    start = time.perf_counter()
    total_words = 0
    for number, text in enumerate(_texts(DOCUMENTS)):
        data = text.encode()
        total_words += WORDS_PER_DOCUMENT
        upload = services.encrypt_to_storage(
            investigation=investigation, name=f"d{number}.txt", chunks=iter([data])
        )
        document = Document.objects.create(
            investigation=investigation, title=f"Document {number}", created_by=lead
        )
        DocumentVersion.objects.create(
            document=document,
            number=1,
            storage_name=upload.storage_name,
            sha256=upload.sha256,
            size=upload.size,
            ciphertext_size=upload.ciphertext_size,
            content_type="text/plain",
            original_name=f"d{number}.txt",
            recipients=list(upload.recipients),
            uploaded_by=lead,
        )
    setup_s = time.perf_counter() - start
    versions = list(DocumentVersion.objects.select_related("document__investigation"))

    start = time.perf_counter()
    extracted_chars = 0
    for version in versions:
        data = b"".join(services.version_plaintext(version=version))
        extraction = extract.open_extraction(
            data, name=version.original_name, content_type=version.content_type
        )
        extracted_chars += sum(len(part.text) for part in extraction.parts())
    extract_s = time.perf_counter() - start

    start = time.perf_counter()
    for version in versions:
        unit = unit_for_version(version=version)
        services.unit_index(unit_id=unit.pk)
    index_s = time.perf_counter() - start
    indexed = SearchUnit.objects.filter(status="done").count()
    if indexed != len(versions):
        raise RuntimeError(f"indexed {indexed} of {len(versions)}")

    client = Client()
    client.force_login(lead)
    url = reverse("secure_docs:search", args=["bench-search"])
    rng = random.Random(7)  # noqa: S311
    vocabulary = _vocabulary(random.Random(2026))  # noqa: S311
    queries = []
    for i in range(QUERIES):
        kind = i % 5
        if kind == 0:
            queries.append(rng.choice(NAMES[:6]))  # names, any script
        elif kind == 1:
            queries.append(rng.choice(vocabulary[:200]))  # common words
        elif kind == 2:
            queries.append(rng.choice(vocabulary[20_000:]))  # rare words
        elif kind == 3:
            queries.append(f"{rng.choice(NAMES)} {rng.choice(vocabulary[:500])}")
        else:
            queries.append(f'"{rng.choice(STEMS)} {rng.choice(STEMS)}"')
    times = []
    for query in queries:
        start = time.perf_counter()
        response = client.post(url, {"q": query})
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise RuntimeError(f"search answered {response.status_code}")
    times.sort()
    return {
        "documents": len(versions),
        "words": total_words,
        "setup_s": setup_s,
        "extract_s": extract_s,
        "index_s": index_s,
        "extracted_chars": extracted_chars,
        "query_p50_ms": 1000 * statistics.median(times),
        "query_p95_ms": 1000 * times[int(0.95 * len(times)) - 1],
    }


def run() -> Iterator[Figure]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="qalam-bench-search-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "QALAM_VAR_DIR": tmp,
        }
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.bench_search"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
            cwd=Path(__file__).resolve().parent.parent,
        )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    result = json.loads(out.stdout.strip().splitlines()[-1])
    yield Figure(
        "search.index.ratio",
        result["extract_s"] / result["index_s"],
        f"x extracting alone ({result['documents']} documents, "
        f"{result['words'] / 1e6:.1f} M words: index {result['index_s']:.0f}s "
        f"vs extract {result['extract_s']:.0f}s)",
        ">= 0.5",
    )
    yield Figure(
        "search.index.words_per_s",
        result["words"] / result["index_s"],
        "words/s",
        "(recorded)",
    )
    yield Figure("search.query.p95", result["query_p95_ms"], "ms", "< 200")
    yield Figure("search.query.p50", result["query_p50_ms"], "ms", "(recorded)")


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(_child()))
