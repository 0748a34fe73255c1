"""The release bundle, its signatures, the side-by-side installer and the launcher with rollback.

See docs/updates.md: the bundle format (:mod:`.bundle`, :mod:`.verify`), the install layout
(:mod:`.install`), the launcher that runs a version as a trial and rolls back a failed one
(:mod:`.launcher`), and the running application's side (:mod:`.health`, :mod:`.version`).
"""
