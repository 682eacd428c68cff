"""Demands, slogans and principles, found by rules in texts written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.demands import find_demands
from etl.read.sources import read_source
from etl.read.split import split_documents, split_passages
from etl.registries.themes import load_themes, themes_of

ROOT = Path(__file__).resolve().parents[3]


def demands_in(raw, text):
    source = read_source(raw.add("doc", text, "title: Untitled\nkind: statement\n"))
    (document,) = split_documents(source)
    found = find_demands(split_passages(source, document))
    for demand in found:
        assert source.text[demand.start:demand.end] == demand.text  # every span round-trips
    return [(d.kind, d.text) for d in found]


def test_slogans_with_and_without_for(raw):
    found = demands_in(raw, """\
        Closing Slogans

        The congress closed with the singing of the anthem. Free all the jailed strikers of the northern mines! For a sliding scale of hours and wages! Down with the emergency decrees! Long live the general strike! No to the new pension law! Hands off the unions!
        """)
    assert found == [
        ("slogan", "Free all the jailed strikers of the northern mines!"),
        ("slogan", "For a sliding scale of hours and wages!"),
        ("slogan", "Down with the emergency decrees!"),
        ("slogan", "Long live the general strike!"),
        ("slogan", "No to the new pension law!"),
        ("slogan", "Hands off the unions!"),
    ]


def test_a_slogan_on_its_own_line_and_after_a_colon(raw):
    found = demands_in(raw, """\
        Appeal

        The miners and the dockers are one class with one enemy: Death to the bosses' war!
        Victory to the dockers of Antwerp!
        """)
    assert found == [("slogan", "Death to the bosses' war!"), ("slogan", "Victory to the dockers of Antwerp!")]


def test_a_chant_after_we_shout_is_a_slogan(raw):
    found = demands_in(raw, "Report\n\nAt the gates the crowd grew all morning, and with them we shout: Bread, land and peace!\n")
    assert found == [("slogan", "Bread, land and peace!")]


def test_a_we_demand_paragraph(raw):
    found = demands_in(raw, """\
        Open Letter to the Minister

        The hospital has been without heating since October. We demand the immediate reopening of the maternity ward closed last spring. We also call on the health workers' unions to strike together on the 4th. The minister has not answered our letters.
        """)
    assert found == [
        ("demand", "We demand the immediate reopening of the maternity ward closed last spring."),
        ("demand", "We also call on the health workers' unions to strike together on the 4th."),
    ]


def test_a_bulleted_list_of_principles(raw):
    found = demands_in(raw, """\
        Basis for Unity

        We will work together with any group that accepts these principles:
        1. Independence of the working class from all bourgeois parties.
        2. Equal rights for women and men in the organization and in society.

        A Reading List
        - The Communist Manifesto
        - Wage Labour and Capital
        """)
    assert found == [
        ("principle", "Independence of the working class from all bourgeois parties."),
        ("principle", "Equal rights for women and men in the organization and in society."),
    ]


def test_a_bulleted_list_of_demands(raw):
    found = demands_in(raw, "Charter\n\nOur demands are:\n* a thirty-hour week\n* free public transport\n")
    assert found == [("demand", "a thirty-hour week"), ("demand", "free public transport")]


def test_a_numbered_point_that_ends_by_introducing_demands_leads_the_points_below_it(raw):
    found = demands_in(raw, """\
        Resolution on the harbour strike

        1. The meeting salutes the harbour workers of the northern ports, who have held out for nine weeks.

        2. The groups present will campaign together for the following demands:

           – Reinstate every dismissed docker!
           – A single contract for all who work in the port.

        3. The next meeting will be held in the autumn, at a date the secretariat will set.
        """)
    assert found == [("slogan", "Reinstate every dismissed docker!"), ("demand", "A single contract for all who work in the port.")]


def test_a_point_that_heads_a_sublist_is_no_demand_and_the_list_goes_on_after_the_sublist(raw):
    found = demands_in(raw, """\
        Our platform

        The conference adopted these demands:

        1) A general rise of all wages.
        2) Against the closures of the mills:
           a) no closure without the workers' consent;
           b) the accounts of the mills opened to the unions.
        3) Rents frozen for three years.
        """)
    assert [text for _, text in found] == ["A general rise of all wages.", "no closure without the workers' consent;",
                                           "the accounts of the mills opened to the unions.", "Rents frozen for three years."]


def test_points_under_numbered_headings_in_capitals_go_on_from_a_paragraph_that_names_demands(raw):
    found = demands_in(raw, """\
        Platform of the Alliance

        The affiliates set out below the demands they will raise together in every union in the coming year.

        1. HOUSING

        * Rents frozen for three years.
        * No evictions in winter.

        2. TRANSPORT

        * Free buses for all who work.
        """)
    assert [text for _, text in found] == ["Rents frozen for three years.", "No evictions in winter.",
                                           "Free buses for all who work."]


def test_points_in_capitals_marked_alike_are_demands_not_headings(raw):
    found = demands_in(raw, "Strike bulletin\n\nOUR DEMANDS\n\n1) REINSTATE THE SACKED STEWARDS\n2) OPEN THE BOOKS\n")
    assert [text for _, text in found] == ["REINSTATE THE SACKED STEWARDS", "OPEN THE BOOKS"]


def test_a_programme_of_struggle_introduces_demands(raw):
    found = demands_in(raw, "Declaración\n\nLevantamos el siguiente programa de lucha:\n\n• Aumento general de salarios.\n")
    assert found == [("demand", "Aumento general de salarios.")]


@pytest.mark.parametrize("lead", [
    "Programme d'urgence des travailleurs :",
    "An emergency programme for the coalfields:",
    "Wofür wir kämpfen (aus unserem Gründungsaufruf)",
    "Por lo que luchamos",
    "WHAT THE NURSES NEED",
    "Taleplerimiz:",
])
def test_a_heading_or_lead_that_names_what_is_fought_for_introduces_demands(raw, lead):
    found = demands_in(raw, f"Bulletin\n\n{lead}\n\n→ A rise of all pay scales\n→ No closure of the wards\n")
    assert found == [("demand", "A rise of all pay scales"), ("demand", "No closure of the wards")]


def test_a_heading_of_many_words_outside_a_parenthesis_introduces_nothing(raw):
    found = demands_in(raw, "Bulletin\n\nWhat the nurses of the three hospitals of the valley told us they need\n\n"
                            "→ A rise of all pay scales\n")
    assert found == []


def test_a_numbered_paragraph_that_calls_on_others_is_a_demand_like_a_paragraph(raw):
    found = demands_in(raw, """        Resolution of the General Council

        1. The council notes that the rent strike in the capital has entered its fourth month.

        2. The council calls on all tenants' unions of the region to send delegates to the strike committee.

        3. The next council meets in March.
        """)
    assert found == [("demand", "The council calls on all tenants' unions of the region to send delegates to the strike committee.")]


def test_exclamations_in_one_row_apart_by_stars_are_each_a_slogan(raw):
    found = demands_in(raw, "Boletín\n\n¡ABAJO EL DECRETO!  ★  ¡HUELGA GENERAL!  •  ¡PAN Y TRABAJO!\n")
    assert [text for _, text in found] == ["¡ABAJO EL DECRETO!", "¡HUELGA GENERAL!", "¡PAN Y TRABAJO!"]


def test_points_under_an_underlined_heading_that_names_principles_are_principles(raw):
    found = demands_in(raw, """\
        About the Alliance

        What we stand for
        -----------------

          • Workers' democracy in the unions.
          • No support to any government of the bosses.
        """)
    assert found == [("principle", "Workers' democracy in the unions."),
                     ("principle", "No support to any government of the bosses.")]


def test_an_enumeration_of_demands_split_at_its_semicolons(raw):
    found = demands_in(raw, """\
        Programme of Action

        Alongside the tenants we are fighting to freeze all rents for three years; to build a million council homes; to requisition empty properties; that no family be evicted in winter.
        """)
    assert found == [
        ("demand", "Alongside the tenants we are fighting to freeze all rents for three years"),
        ("demand", "to build a million council homes"),
        ("demand", "to requisition empty properties"),
        ("demand", "that no family be evicted in winter"),
    ]


def test_an_enumeration_referred_to_as_these_demands(raw):
    found = demands_in(raw, """\
        Resolution

        The assembly voted the following: to end night shifts for apprentices; to double the winter bonus; to reinstate the sacked delegates.

        These demands will be presented to the management on Monday by the elected committee of the assembly.
        """)
    assert [kind for kind, _ in found] == ["demand", "demand", "demand"]
    assert found[1][1] == "to double the winter bonus"


@pytest.mark.parametrize("narrative", [
    "The strike began on a Monday and lasted eleven weeks, until the employers gave in to the demands of the workers.",
    "For three days the workers occupied the factory; the police stayed outside; the owners fled to the capital.",
    "In 1919 the soldiers demanded bread and peace, and the government fell within the month.",
    "Long before the war the party had called for a general strike, but the unions refused.",
    "What a victory it was!",
])
def test_narrative_sentences_are_not_demands(raw, narrative):
    assert demands_in(raw, f"History\n\n{narrative}\n") == []


@pytest.fixture(scope="module")
def themes():
    return load_themes(ROOT / "raw")


@pytest.mark.parametrize("text, theme", [
    ("For a sliding scale of wages!", "wages-and-working-time"),
    ("We demand papers for all undocumented workers.", "migrants-and-refugees"),
    ("For the immediate release of all political prisoners!", "democratic-rights-and-repression"),
    ("Troops out of the occupied territories!", "anti-war-and-anti-imperialism"),
    ("For the expropriation of the banks without compensation!", "expropriation-and-nationalization"),
])
def test_theme_cues_assign_themes(themes, text, theme):
    assert theme in {t for t, _ in themes_of(text, themes)}


def test_theme_cues_match_whole_words_only(themes):
    assert "wages-and-working-time" not in {t for t, _ in themes_of("The war was waged for a decade.", themes)}


def test_a_lead_that_calls_on_someone_to_is_no_demand_its_points_are(raw):
    found = demands_in(raw, """\
        Resolution on the water companies

        The congress calls on the municipal workers of every region and their unions to:

          (a) refuse the sale of the waterworks;
          (b) organise assemblies in every district.

        The congress instructs the council to report on the campaign within a year.
        """)
    assert found == [("demand", "refuse the sale of the waterworks;"), ("demand", "organise assemblies in every district."),
                     ("demand", "The congress instructs the council to report on the campaign within a year.")]


def test_points_marked_otherwise_end_the_list_a_lead_introduces(raw):
    found = demands_in(raw, """\
        Programme

        1. Our aims

        We demand:

          • a shorter working week
          • free schooling

        2. Organisation

        The branches meet monthly and elect their delegates.
        """)
    assert ("demand", "a shorter working week") in found and ("demand", "free schooling") in found
    assert not any("Organisation" in text or "Our aims" in text for _, text in found)


def test_an_enumeration_after_demand_and_a_colon_gives_each_clause_without_the_lead(raw):
    found = demands_in(raw, """\
        Statement

        The signatories demand: the closure of the camps; the return of the deported families; and an end to the curfew in the valley.
        """)
    assert found == [("demand", "the closure of the camps"), ("demand", "the return of the deported families"),
                     ("demand", "an end to the curfew in the valley")]


def test_a_list_of_organizations_after_a_lead_that_says_decides_is_no_list_of_demands(raw):
    found = demands_in(raw, """\
        Observers

        These groups take part as observers until the next conference decides on their admission:

          * Ghana: Movement for Workers Power
          * Peru: Colectivo Rojo
        """)
    assert found == []


@pytest.mark.parametrize("text, expected", [
    ("Desde la coordinadora exigimos: la libertad de los presos de Jujuy; el cese de los despidos en el astillero; "
     "y la derogación del protocolo antipiquetes.",
     ["la libertad de los presos de Jujuy", "el cese de los despidos en el astillero",
      "la derogación del protocolo antipiquetes"]),
    ("Nous exigeons : le retrait de la réforme ; la réintégration des licenciés de l'usine ; et l'arrêt des poursuites "
     "contre les grévistes.",
     ["le retrait de la réforme", "la réintégration des licenciés de l'usine", "l'arrêt des poursuites contre les grévistes"]),
    ("Wir fordern: die Rücknahme der Kürzungen; einen Mindestlohn von 15 Euro; und keine Waffenlieferungen.",
     ["die Rücknahme der Kürzungen", "einen Mindestlohn von 15 Euro", "keine Waffenlieferungen"]),
])
def test_an_enumeration_after_a_demand_and_a_colon_in_other_languages(raw, text, expected):
    found = demands_in(raw, f"Comunicado\n\n{text}\n")
    assert found == [("demand", clause) for clause in expected]


def test_a_sentence_with_semicolons_that_demands_nothing_stays_whole(raw):
    found = demands_in(raw, """\
        Informe

        Exigimos explicaciones al ministerio: la policía entró a las seis; los delegados fueron detenidos; el local quedó cerrado.
        """)
    assert found == [("demand", "Exigimos explicaciones al ministerio: la policía entró a las seis; los delegados fueron "
                                "detenidos; el local quedó cerrado.")]


def test_principles_introduced_in_another_language_numbered_in_roman_with_blank_lines_between(raw):
    found = demands_in(raw, """\
        Declaración de Quito

        Las organizaciones firmantes reafirman los siguientes principios:

        I.   La emancipación de los trabajadores será obra de los trabajadores mismos.

        II.  Ningún apoyo a los gobiernos que reprimen las huelgas.

        III. La solidaridad internacional no conoce fronteras. [Nota del editor: el punto fue votado por mayoría.]

        IV.  Sólo el socialismo pondrá fin a la explotación.
        """)
    assert found == [
        ("principle", "La emancipación de los trabajadores será obra de los trabajadores mismos."),
        ("principle", "Ningún apoyo a los gobiernos que reprimen las huelgas."),
        ("principle", "La solidaridad internacional no conoce fronteras."),
        ("principle", "Sólo el socialismo pondrá fin a la explotación."),
    ]


@pytest.mark.parametrize("paragraph, slogans", [
    ("Am Samstag ziehen wir mit den Parolen „Wohnen ist ein Menschenrecht!“ und „Enteignen jetzt!“ vor das Rathaus.",
     ["Wohnen ist ein Menschenrecht!", "Enteignen jetzt!"]),
    ("Les manifestants ont défilé aux cris de « Retrait de la réforme ! » et « Grève générale ! » jusqu'à la préfecture.",
     ["Retrait de la réforme !", "Grève générale !"]),
    ("The strikers' banner bore the slogans 'Our jobs, our city!' and \"Stop the closures now!\" above the gates.",
     ["Stop the closures now!"]),
    ("The minister said \"Enough is enough!\" and left the hall before the vote was taken.", []),
])
def test_exclamations_quoted_as_slogans_inside_a_sentence(raw, paragraph, slogans):
    found = demands_in(raw, f"Bulletin\n\n{paragraph}\n")
    assert found == [("slogan", slogan) for slogan in slogans]


def test_an_exclamation_in_guillemets_on_a_line_of_its_own_is_a_slogan_without_its_quotes(raw):
    found = demands_in(raw, """\
        Appel

        « La santé n'est pas une marchandise ! »

        Nous appelons les personnels hospitaliers et les usagers à se rassembler devant toutes les agences régionales.
        """)
    assert ("slogan", "La santé n'est pas une marchandise !") in found


def test_an_enumeration_after_a_demand_in_the_third_person_with_its_last_two_joined_by_and(raw):
    found = demands_in(raw, """\
        Declaração

        As organizações signatárias exigem: a readmissão dos 40 despedidos; o fim dos processos contra os grevistas;
        a reposição dos salários cortados e a retirada da polícia das fábricas.
        """)
    assert found == [("demand", "a readmissão dos 40 despedidos"), ("demand", "o fim dos processos contra os grevistas"),
                     ("demand", "a reposição dos salários cortados"), ("demand", "a retirada da polícia das fábricas")]


def test_a_situation_that_demands_something_is_no_demand(raw):
    found = demands_in(raw, """\
        Informe

        La situación exige una respuesta rápida de todas las secciones, que han discutido el informe en sus congresos.
        """)
    assert found == []


def test_demands_after_a_dutch_lead_numbered_by_chapter_and_point(raw):
    found = demands_in(raw, """\
        Verkiezingsprogramma

        HOOFDSTUK 3 – WONEN

        Wij eisen:

        3.1  Een huurbevriezing van vijf jaar voor alle woningen.
        3.2  De bouw van 100.000 sociale huurwoningen per jaar.
        """)
    assert found == [("demand", "Een huurbevriezing van vijf jaar voor alle woningen."),
                     ("demand", "De bouw van 100.000 sociale huurwoningen per jaar.")]


def test_demands_listed_after_a_colon_apart_by_commas_and_and(raw):
    found = demands_in(raw, """\
        Lettera di solidarietà

        Sosteniamo pienamente le vostre rivendicazioni: il reintegro dei licenziati, il ritiro delle denunce e
        l'apertura di una trattativa sul piano di automazione.
        """)
    assert found == [("demand", "il reintegro dei licenziati"), ("demand", "il ritiro delle denunce"),
                     ("demand", "l'apertura di una trattativa sul piano di automazione")]


def test_a_sentence_with_a_colon_and_commas_that_lists_no_demands_gives_none(raw):
    found = demands_in(raw, """\
        Report

        Our demands were put to the meeting by three speakers: Maria from the port, Jon from the rail and Ana.
        """)
    assert found == []


def test_a_slogan_cried_in_guillemets_and_one_with_an_emoji_after_it(raw):
    found = demands_in(raw, """\
        Crónica del acto

        El acto terminó en la plaza con más de mil compañeros al grito de «¡Fuera los buitres de la deuda!».

        La lucha sigue! ✊🏽
        """)
    assert found == [("slogan", "¡Fuera los buitres de la deuda!"), ("slogan", "La lucha sigue!")]
