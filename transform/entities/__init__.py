"""Names -> canonical entities: the reference table (`entities.csv`) and its resolver, and the
parties found in a sentence (known names, descriptions, pronouns, open-world organisations).
"""

from transform.entities.table import Entity, EntityMention, EntityTable, Resolution, normalize_name

__all__ = ["Entity", "EntityMention", "EntityTable", "Resolution", "normalize_name"]
