"""Password hashing: Argon2id sized so that a sign-in stays cheap under load.

Django's own Argon2 defaults (100 MiB, 8 lanes) and its PBKDF2 default (1,000,000
iterations) each cost most of a second of CPU on a 2-core server: during the
deadline-day peak a burst of sign-ins then starves every other request, and a flood
of wrong passwords is a denial of service. These parameters are OWASP's first
recommendation for Argon2id (19 MiB, 2 passes, 1 lane): one check takes a few tens of
milliseconds here (`make bench`: accounts.signin), and a guess costs an attacker the
same memory-hard work. Hashes made with other parameters or hashers are replaced on
the user's next sign-in (Django's `must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class QalamArgon2PasswordHasher(Argon2PasswordHasher):
    # The algorithm name stays "argon2": hashes stay verifiable by Django's own
    # hasher, and a change of these figures rehashes at the next sign-in.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
