"""Building key-figure files in tests."""

import io


def csv_bytes(rows: list[list], delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    lines = [delimiter.join("" if cell is None else str(cell) for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


HEADER = ["org_number", "year", "revenue", "operating_result", "wage_costs", "employees"]
