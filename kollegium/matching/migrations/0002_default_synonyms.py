"""A sensible default synonym list for business advice in Norwegian; the coordinator edits it."""

from django.db import migrations

DEFAULTS = [
    "e-handel, nettbutikk, netthandel, nettsalg",
    "regnskap, bokføring, økonomistyring, rekneskap",
    "SoMe, sosiale medier, sosiale media",
    "IN, Innovasjon Norge",
    "SkatteFUNN, skattefradrag for forskning",
    "markedsføring, marknadsføring, reklame",
    "finansiering, kapital, investering, investor",
    "eksport, internasjonalisering, utenlandsmarked",
    "bærekraft, grønn omstilling, miljø",
    "styre, styrearbeid, eierstyring",
    "HR, personal, rekruttering, ansettelse",
    "IPR, immaterielle rettigheter, patent, varemerke",
    "KI, kunstig intelligens, AI, ChatGPT, språkmodell",
    "personvern, GDPR, personopplysninger, kundeopplysninger",
    "IT-sikkerhet, datasikkerhet, dataangrep, løsepengevirus, phishing",
    "digitalisering, digital omstilling, IT",
    "forretningsmodell, forretningsplan",
    "salg, kundeutvikling",
    "anbud, offentlige anskaffelser",
    "prosjektledelse, prosjektstyring",
    "merkevare, profil, branding",
    "nettside, hjemmeside, nettsted",
    "oppstart, etablering, gründer, etablerer",
    "etableringstilskudd, startstøtte",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("matching", "Synonym")
    Synonym.objects.bulk_create(Synonym(terms=t) for t in DEFAULTS)


def remove(apps, schema_editor):
    Synonym = apps.get_model("matching", "Synonym")
    Synonym.objects.filter(terms__in=DEFAULTS).delete()


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_search_index")]

    operations = [migrations.RunPython(add, remove)]
