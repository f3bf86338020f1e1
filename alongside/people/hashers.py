"""The password hasher: Argon2id (the winner of the Password Hashing Competition).

Django's Argon2PasswordHasher asks for 100 MiB and 8 lanes per hash: about a second on
this project's 2-core machine under load, which every sign-in and API token creation
would pay. These are the parameters of OWASP's Password Storage Cheat Sheet (19 MiB,
2 passes, 1 lane), still far costlier to guess than PBKDF2 for a GPU. Hashes keep the
`argon2` prefix: a change of these numbers re-hashes each password at its next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2Hasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
