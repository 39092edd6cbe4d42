"""netvaerk: one YAML file per foster-carer network group → a Danish phone-first site and a calendar feed.

The subpackages, each using only those listed before it (cli on top):

    lock/       the members' lock: keys, packing, sealing (seal, pack); new passphrases (passphrase, ordliste.txt)
    guard/      checks of the output: no script or load netvaerk did not write (scripts, markup), no members-only value (leaks)
    model/      bytes → nodes with positions → Group (load, validate, schema, slug, cpr)
    guide/      BFA's guide as data: agendas, themes, rules, roles; advice and warnings; check
    facts/      what the site, print pages and feed say about each meeting, once, with its audience
    calendar/   events → iCalendar bytes, stamped from the group file's git history (SEQUENCE only rises)
    site/       page models → Markdown and print pages; the generated mkdocs.yml; the list of groups
    builder/    one group or many: plan, generate, build with the engine (builder/engine/: the only code that
                knows MkDocs, Material or Markdown), finish, guard, publish
    organiser/  new, plan: edits a group file and keeps its comments (needs only model and guide)
    cli/        one module per command; the only place that prints

theme/ holds no code: the engine's base mkdocs.yml and the theme's overrides/, shipped in the package so that a
folder with only groups/ is enough to build (builder/project.py names them).

errors.py (the one exception tree), files.py (reading, and writing each file in one step, with Danish messages),
danish.py (dates and times in Danish) and escape.py (untrusted text made inert where it lands) are used by all.
"""
