"""Demo data: a prize entry of the 2025 edition with its own audio file, so the
public entry page shows the player (`make run` → /caja-2025/, "Hospitals without
oxygen").

The file is a one-second tone made here with the `wave` module, sent through the
same upload services a browser's tus upload goes through. Idempotent: an entry
that has a file keeps it.
"""

import io
import math
import wave

from accounts.models import User
from awards import services
from awards.jury.enums import PrizeKind
from awards.models import Entry

AWARD_SLUG = "caja-2025"
CATEGORY_SLUG = "multimedia-video"
RATE = 8000


def tone_wav(seconds: float = 1.0, frequency: float = 440.0) -> bytes:
    """A short sine tone as a WAV file: 8 kHz, mono, 16-bit."""
    frames = bytearray()
    for n in range(int(RATE * seconds)):
        sample = int(12000 * math.sin(2 * math.pi * frequency * n / RATE))
        frames += sample.to_bytes(2, "little", signed=True)
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(RATE)
        sound.writeframes(bytes(frames))
    return out.getvalue()


def seed() -> Entry | None:
    """Give the 2025 multimedia winner its audio file, unless it has one."""
    entry = (
        Entry.objects.filter(
            category__award__slug=AWARD_SLUG,
            category__slug=CATEGORY_SLUG,
            prizes__kind=PrizeKind.WINNER,
        )
        .select_related("category__award")
        .first()
    )
    organiser = User.objects.filter(is_superuser=True).order_by("pk").first()
    if entry is None or organiser is None or entry.media_file_id is not None:
        return entry
    content = tone_wav()
    upload = services.media_upload_create(
        entry=entry,
        actor=organiser,
        length=len(content),
        filename="oxygen-interview.wav",
        declared_type="audio/wav",
    )
    services.media_upload_append(
        upload=upload, actor=organiser, offset=0, chunks=[content]
    )
    entry.refresh_from_db()
    return entry
