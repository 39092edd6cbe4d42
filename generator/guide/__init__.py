"""BFA's guide as data (agendas, themes, rules, roles, advice) and the warnings it gives about a group file."""
