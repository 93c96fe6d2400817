"""Juries: rubrics, rounds, jurors, conflicts, assignment, scoring, results, audit.

The rooms of the house style: `enums`, `models/` (imported by `awards.models`),
`permissions` (predicates), `selectors/` (every read, one module per topic),
`services/` (every write, one module per topic), `tasks`, `forms`, `views`
(jurors' pages), `viewsets` and `admin_views` (staff screens), and `blind_media/`
(cleaning attachments for blind rounds). The modules named after a topic at this
level (`rounds`, `scoring`, ...) only re-export the old import paths.
"""
