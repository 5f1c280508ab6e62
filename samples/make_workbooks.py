"""Builds northwind-product-org.xlsx from northwind-product-org.csv, dressed the way a team
lead's workbook looks: a title banner over the table, a bold frozen header, wrapped text,
numbers as numbers. The audit of both files must agree (a test checks it).

Run from this folder: pip install xlsxwriter && python3 make_workbooks.py
"""
import csv
import datetime

import xlsxwriter

with open("northwind-product-org.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))

book = xlsxwriter.Workbook("northwind-product-org.xlsx")
book.set_properties({"title": "Northwind: who does what", "created": datetime.datetime(2026, 1, 5)})
sheet = book.add_worksheet("Team")
banner = book.add_format({"bold": True, "font_size": 14})
header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
wrap = book.add_format({"text_wrap": True, "valign": "top"})
sheet.merge_range(0, 0, 0, 4, "Northwind product & engineering: who does what (Q3 review)", banner)
sheet.write(1, 0, "Source: team leads, updated weekly. One row per task.")
top = 3  # header on spreadsheet row 4
for c, text in enumerate(rows[0]):
    sheet.write(top, c, text, header)
for r, row in enumerate(rows[1:], start=top + 1):
    for c, text in enumerate(row):
        if text == "":
            continue
        try:
            sheet.write_number(r, c, float(text), wrap)
        except ValueError:
            sheet.write_string(r, c, text, wrap)
sheet.set_column(0, 0, 22)
sheet.set_column(1, 1, 26)
sheet.set_column(2, 2, 14)
sheet.set_column(3, 3, 60)
sheet.set_column(4, 4, 12)
sheet.freeze_panes(top + 1, 0)
book.close()
