"""Inserting many rows with one prepared statement, for the register import.

``bulk_create`` builds the SQL of every value of every row; for a national file of a million
entities that was most of an import's time. ``insert`` writes the same rows with a single
statement and ``executemany``. The fields prepare their own values (``pre_save`` and
``get_db_prep_save``, as the ORM does), so defaults, ``auto_now`` and the database adapters
stay the ORM's, and a field added to the model later is written too.
"""

from django.db import connection, models


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]


def insert(
    model: type[models.Model],
    objs: list[models.Model],
    *,
    conflict: str = "",
    update: list[str] = (),
) -> None:
    """INSERT ``objs``; with ``conflict`` (a unique column), rows already there get ``update``
    (the same as bulk_create's update_conflicts, which SQLite and PostgreSQL both know)."""
    if not objs:
        return
    fields = _fields(model)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    # Only names from the model's own metadata go into the text; values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    if conflict:
        names = [model._meta.get_field(name).column for name in update]
        changes = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in names)
        sql += f" ON CONFLICT ({quote(conflict)}) DO UPDATE SET {changes}"
    rows = [
        tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields) for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
