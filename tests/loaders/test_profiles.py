"""Data set profiles and mapping files: every sample row is an event or a reported problem, codes translated by data."""

import re
from pathlib import Path

import pytest

from loaders.csv_events import CsvFormatError, load
from loaders.datasets import TableSpec, profiles, read_spec_file, spec_from_text, spec_to_yaml
from loaders.json_events import load as load_json

DATASETS = Path(__file__).resolve().parents[1] / "fixtures" / "datasets"
# file -> (profile detected, rows in the file, lines rejected)
SAMPLES = {
    "acled_export.csv": ("acled", 5, [6]),
    "acled_api.json": ("acled", 2, []),
    "20250220.export.CSV": ("gdelt", 5, [4]),
    "20130401.export.CSV": ("gdelt", 2, []),
    "ucdp_ged.csv": ("ucdp", 4, [5]),
    "icews_events.tsv": ("icews", 4, [5]),
    "polecat_events.tsv": ("polecat", 4, [5]),
    "federal_register.csv": ("federal-register", 4, [5]),
    "federal_register.json": ("federal-register", 2, []),
}


def read(name: str, **options):
    path = DATASETS / name
    return (load_json if name.endswith(".json") else load)(path, **options)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_sample_is_detected_and_every_row_accounted_for(name):
    profile, rows, rejected_lines = SAMPLES[name]
    loaded = read(name)
    assert loaded.profile == profile
    assert loaded.rows_in == rows
    assert [problem.line for problem in loaded.rejected] == rejected_lines
    accepted_rows = set(loaded.events["event_id"].str.removesuffix(":in-force"))
    assert len(accepted_rows) + len(loaded.rejected) == rows


def test_gdelt_fips_codes_become_iso_codes():
    events = read("20250220.export.CSV").events.set_index("event_id")
    # FIPS CH is China and SZ Switzerland: read as ISO they would be Switzerland and Eswatini.
    assert events.loc["gdelt:1228801001", "countries"] == ("CN",)
    assert events.loc["gdelt:1228801002", "countries"] == ("CH",)
    assert events.loc["gdelt:1228801003", "countries"] == ("UA",)
    assert events.loc["gdelt:1228801003", "category"] == "armed_clash"  # CAMEO 190
    assert events.loc["gdelt:1228801002", "category"] == "visit"  # CAMEO 0431 through its prefix 043
    assert str(events.loc["gdelt:1228801001", "date_start"].date()) == "2025-02-17"  # SQLDATE 20250217
    assert events.loc["gdelt:1228801001", "source_name"] == "GDELT"
    assert events.loc["gdelt:1228801001", "source_url"] == "https://example.com/news/2025/02/17/trade-talks"


def test_gdelt_one_point_zero_files_have_their_own_column_order():
    events = read("20130401.export.CSV").events.set_index("event_id")
    assert events.loc["gdelt:255000002", "countries"] == ("DE",)  # FIPS GM
    assert events.loc["gdelt:255000002", "category"] == "agreement"  # CAMEO 057


def test_acled_types_actors_and_time_precision():
    events = read("acled_export.csv").events.set_index("event_id")
    protest = events.loc["acled:NIG31001"]
    assert protest["category"] == "protest"
    assert protest["actors"] == ("Protesters (Nigeria)", "Labour Union", "Students (Nigeria)")
    assert protest["countries"] == ("NG",)  # ISO numeric 566
    clash = events.loc["acled:SDN22017"]  # time_precision 2: the week around the date
    assert (str(clash["date_start"].date()), str(clash["date_end"].date()), clash["date_precision"]) == (
        "2025-01-17",
        "2025-01-23",
        "week",
    )
    agreement = events.loc["acled:YEM90544"]  # time_precision 3: the month
    assert (str(agreement["date_start"].date()), str(agreement["date_end"].date()), agreement["date_precision"]) == (
        "2025-03-01",
        "2025-03-31",
        "month",
    )
    # 'Strategic developments' is the type; the sub-event type says what happened.
    assert (agreement["category"], events.loc["acled:SYR77120", "category"]) == ("agreement", "detention")
    assert "ACLED event NIG31001" in protest["summary"] and protest["source_name"] == "ACLED"


def test_ucdp_date_precision_codes():
    events = read("ucdp_ged.csv").events.set_index("event_id")
    assert events.loc["ucdp:560001", "date_precision"] == "day"
    assert events.loc["ucdp:560002", "date_precision"] == "month"  # date_prec 4 over a whole month
    assert events.loc["ucdp:560003", "date_precision"] == "undated"  # date_prec 2: within those days
    assert events.loc["ucdp:560002", "category"] == "violence_against_civilians"
    assert events.loc["ucdp:560003", "countries"] == ("MM",)  # 'Myanmar (Burma)'


def test_federal_register_rule_in_force_is_a_second_event():
    events = read("federal_register.csv").events.set_index("event_id")
    published = events.loc["federal-register:2025-00101"]
    in_force = events.loc["federal-register:2025-00101:in-force"]
    assert (str(published["date_start"].date()), str(in_force["date_start"].date())) == ("2025-01-15", "2025-02-14")
    assert in_force["title"].startswith("In force: ") and published["category"] == "legislation"
    assert "federal-register:2025-00202:in-force" not in events.index  # no effective date, one event


def test_plover_and_iso3_codes():
    events = read("polecat_events.tsv").events.set_index("event_id")
    assert events.loc["polecat:20240105-0001", "category"] == "meeting"
    assert events.loc["polecat:20240105-0001", "countries"] == ("SA",)
    assert events.loc["polecat:20240106-0002", "source_lang"] == "fr"


def test_a_headerless_table_is_known_by_its_width_and_its_numeric_first_cells(tmp_path):
    path = tmp_path / "renamed.tsv"
    path.write_text((DATASETS / "20130401.export.CSV").read_text(encoding="utf-8"), encoding="utf-8")
    assert load(path).profile == "gdelt"
    assert len(load(path, profile="gdelt").events) == 2
    words = tmp_path / "words.tsv"  # 58 tab-separated cells that are column names, not an event
    words.write_text("\t".join(f"column{number}" for number in range(58)) + "\n", encoding="utf-8")
    with pytest.raises(CsvFormatError, match="no title column"):
        load(words)


def test_a_profile_given_the_wrong_width_says_so(tmp_path):
    path = tmp_path / "short.export.CSV"
    path.write_text("1\t20250101\tx\n", encoding="utf-8")
    with pytest.raises(CsvFormatError, match="has 3 columns; the gdelt profile reads 58 or 61"):
        load(path, profile="gdelt")


def test_every_bundled_profile_loads_and_names_itself():
    assert sorted(profiles()) == ["acled", "federal-register", "gdelt", "icews", "polecat", "ucdp"]


def test_a_mapping_file_reads_an_analysts_own_columns():
    mapping = read_spec_file(DATASETS / "team_notes_mapping.yaml")
    loaded = load(DATASETS / "team_notes.csv", mapping=mapping)
    events = loaded.events.set_index("event_id")
    assert events.loc["TN-1", "actors"] == ("Wang Wentao", "Gina Raimondo")  # two columns feed actors
    assert str(events.loc["TN-1", "date_start"].date()) == "2025-02-17"  # 17/02/2025 as day/month/year
    assert events.loc["TN-3", "date_precision"] == "undated"  # 'early 2025' falls back to any form
    assert str(events.loc["TN-5", "date_start"].date()) == "2025-02-17"  # an Excel serial day
    assert events.loc["TN-2", "source_lang"] == "ar"
    assert [(problem.line, "31/02/2025" in problem.reason) for problem in loaded.rejected] == [(5, True)]
    assert loaded.warnings == []  # Remarks is ignored on purpose


def test_a_mapping_survives_a_round_trip_through_yaml():
    spec = TableSpec(
        columns={"Headline": ("title",), "Day": ("date",), "Who": ("actors",), "Notes": ()},
        date_format="%d/%m/%Y",
        values={"category": {"Talks": "meeting"}},
    )
    again = spec_from_text(spec_to_yaml(spec), "mapping.yaml")
    assert (again.columns, again.date_format, again.values) == (spec.columns, spec.date_format, spec.values)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("columns: {Headline: heading}", "'Headline' goes to unknown field 'heading'"),
        ("colums: {}", "unknown key\\(s\\) colums"),
        ("columns: {A: title, B: title}", "several columns give title"),
        ("country_codes: fips10", "country_codes must be one of"),
        ("values: {category: no_such_table}", "unknown code table 'no_such_table'"),
        ("columns: [", "not valid YAML"),
    ],
)
def test_a_bad_mapping_file_is_named_with_its_problem(text, message):
    with pytest.raises(ValueError, match=message):
        spec_from_text(text, "mapping.yaml")


# The published column lists (ICEWS Coded Event Data on Dataverse, version 37; POLECAT weekly files),
# written out here so that a profile or sample naming a column the data set does not have fails.
CODEBOOK_COLUMNS = {
    "icews": (
        "Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text, CAMEO Code, Intensity, "
        "Target Name, Target Sectors, Target Country, Story ID, Sentence Number, Publisher, City, District, "
        "Province, Country, Latitude, Longitude"
    ),
    "polecat": (
        "Event ID, Event Date, Event Type, Event Mode, Intensity, Quad Code, Contexts, Actor Name, Actor Country, "
        "Actor COW, Primary Actor Sector, Actor Sectors, Actor Title, Actor Name Raw, Wikipedia Actor ID, "
        "Recipient Name, Recipient Country, Recipient COW, Primary Recipient Sector, Recipient Sectors, "
        "Recipient Title, Recipient Name Raw, Wikipedia Recipient ID, Placename, City, District, Province, "
        "Country, Latitude, Longitude, GeoNames ID, Raw Placename, Feature Type, Source, Publication Date, "
        "Story People, Story Organizations, Story Locations, Language, Version"
    ),
}


@pytest.mark.parametrize(("name", "sample"), [("icews", "icews_events.tsv"), ("polecat", "polecat_events.tsv")])
def test_profile_and_sample_use_only_the_codebook_columns(name, sample):
    published = CODEBOOK_COLUMNS[name].split(", ")
    header = (DATASETS / sample).read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert header == published
    spec = profiles()[name]
    used = set(spec.columns) | set(spec.detect["all_of"])
    for template in spec.templates.values():
        used |= set(re.findall(r"\{([^}]+)\}", template)) - {"category"}
    assert used <= set(published), sorted(used - set(published))
