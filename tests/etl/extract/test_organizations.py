"""Finding organizations in texts written for these tests, in layouts unlike the archive's sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl.extract.organizations import find_organizations
from etl.read.sources import read_source
from etl.read.split import split_documents, split_passages
from etl.registries.countries import load_countries

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def countries():
    return load_countries(ROOT / "raw")


def found_in(raw, countries, text, title="Untitled"):
    source = read_source(raw.add("doc", text, f"title: {title}\nkind: statement\n"))
    (document,) = split_documents(source)
    passages = split_passages(source, document)
    found = find_organizations(passages, countries)
    for name in [s.member for s in found.sections] + [s.name for s in found.signatories] + found.addressees:
        assert source.text[name.start:name.end] == name.text  # every name keeps its exact span
    return found


def test_a_section_list_in_country_dash_organization_form(raw, countries):
    found = found_in(raw, countries, """\
        The Harbour International Today

        Full Sections of the Harbour International:
        Deutschland — Gruppe Rote Fahne
        Norway — Arbeiderforbundet
        España — Liga Obrera and Unión Proletaria
        Kenya — Workers Circle (WC)

        The sections meet every second year in a world congress of delegates.
        """)
    rows = [(s.status, s.international.text, s.member.text, s.member.country_code) for s in found.sections]
    assert rows == [
        ("full", "Harbour International", "Gruppe Rote Fahne", "DE"),
        ("full", "Harbour International", "Arbeiderforbundet", "NO"),
        ("full", "Harbour International", "Liga Obrera", "ES"),
        ("full", "Harbour International", "Unión Proletaria", "ES"),
        ("full", "Harbour International", "Workers Circle (WC)", "KE"),
    ]
    assert found.sections[-1].member.abbreviation == "WC"


def test_a_section_list_in_organization_country_form_with_two_on_a_line(raw, countries):
    found = found_in(raw, countries, """\
        Report

        Observer Sections:
        - Red Dawn Collective & Workers Tribune (Ireland)
        - Partido Operário (Brasil)
        """)
    assert [(s.status, s.member.text, s.member.country_code) for s in found.sections] == [
        ("observer", "Red Dawn Collective", "IE"), ("observer", "Workers Tribune", "IE"), ("observer", "Partido Operário", "BR"),
    ]
    assert {s.international for s in found.sections} == {None}  # named nowhere in the heading


def test_members_named_in_running_text(raw, countries):
    found = found_in(raw, countries, """\
        Greetings

        We write on behalf of the Coordinating Bureau of the Northern Alliance, composed of the Socialist Union of Finland, the Red League (Punainen Liitto) of Estonia and Workers Action of Latvia, to greet your conference.
        """)
    assert [(s.international.text, s.member.text, s.member.country_code, s.status) for s in found.sections] == [
        ("Northern Alliance", "Socialist Union", "FI", "member"),
        ("Northern Alliance", "Red League (Punainen Liitto)", "EE", "member"),
        ("Northern Alliance", "Workers Action", "LV", "member"),
    ]


def test_a_signed_block_with_one_organization_a_line(raw, countries):
    found = found_in(raw, countries, """\
        Statement on the Dock Strike

        We stand with the dockers and call on every union to refuse to handle the cargo of the strikebreakers until the strike is won.

        Signed:
        Socialist Workers League (SWL), Canada
        Revolutionary Group of Chile
        Partido Comunista Obrero (PCO)
        """)
    assert [(s.role, s.position, s.name.text, s.name.abbreviation) for s in found.signatories] == [
        ("signatory", 1, "Socialist Workers League (SWL)", "SWL"),
        ("signatory", 2, "Revolutionary Group of Chile", None),
        ("signatory", 3, "Partido Comunista Obrero (PCO)", "PCO"),
    ]
    assert [s.name.country_code for s in found.signatories] == ["CA", "CL", None]  # a place apart, or in the name


def test_an_inline_signed_list(raw, countries):
    found = found_in(raw, countries, """\
        Joint Call

        We call on all workers to join the demonstrations on the first of May in every city of the continent.

        Signed: Red Star Group, Workers Power League and October Collective
        """)
    assert [s.name.text for s in found.signatories] == ["Red Star Group", "Workers Power League", "October Collective"]


def test_a_participants_list_with_abbreviations_at_the_head(raw, countries):
    found = found_in(raw, countries, """\
        Joint Declaration of the Lisbon Meeting

        Participants:
        * Movimento Socialista Revolucionário (MSR)
        * Union of Communists of Greece (UCG)
        * Left Bloc Youth (LBY)

        The organizations gathered in Lisbon agree on the following points of common work for the coming year of struggle.
        """)
    assert [(s.role, s.name.abbreviation) for s in found.signatories] == [
        ("participant", "MSR"), ("participant", "UCG"), ("participant", "LBY"),
    ]
    assert found.signatories[1].name.country_code == "GR"  # "of Greece" is inside the name, before the abbreviation


def test_a_run_of_names_at_the_foot_signs_without_a_trigger(raw, countries):
    found = found_in(raw, countries, """\
        On the Elections

        The undersigned organizations will stand no candidates and call for a boycott of the fraudulent elections this autumn.

        Communist League of Ruritania
        Revolutionary Workers Party
        1 May 2011
        """)
    assert [s.name.text for s in found.signatories] == ["Communist League of Ruritania", "Revolutionary Workers Party"]


def test_narrative_lines_are_not_signatories(raw, countries):
    found = found_in(raw, countries, """\
        A Short History

        The strike began in the spring and lasted for eleven weeks before the government gave way to the miners.

        It was a victory.
        Long live the miners!
        """)
    assert found.signatories == []


def test_addressees_of_a_letter(raw, countries):
    found = found_in(raw, countries, """\
        12 May 1998

        To the Congress of the Metalworkers Union
        To the comrades of the Socialist Youth Front (SYF)
        Dear friends of the Workers Solidarity Network,

        We send you our greetings and wish your congress every success in the hard struggles that lie ahead of it.
        To the working class of the world!
        """)
    assert [a.text for a in found.addressees] == [
        "Metalworkers Union", "Socialist Youth Front (SYF)", "Workers Solidarity Network",  # not its congress, a body
    ]


def test_the_issuing_body_in_the_closing_lines(raw, countries):
    found = found_in(raw, countries, """\
        Appeal

        We appeal to all the organizations of the working class to unite in defence of the arrested strikers and their families.

        International Bureau
        of the Southern Workers Federation
        """)
    assert [(s.role, s.name.text) for s in found.signatories] == [("issuer", "Southern Workers Federation")]


def test_claims_about_the_number_of_countries_are_found(raw, countries):
    found = found_in(raw, countries, """\
        About Us

        We have official sections in four countries and sympathizing sections in 2 other countries around the world today.
        """)
    assert [(status, n) for status, n, _ in found.claims] == [("official", 4), ("sympathizing", 2)]


def signatories_of(found, role="signatory"):
    return [(s.name.text, s.name.country_code) for s in found.signatories if s.role == role]


def test_a_table_with_a_head_row_in_pipes_gives_each_row_its_country(raw, countries):
    found = found_in(raw, countries, """\
        Statement on the dockers' strike

        The strike of the dockers has entered its third week, and the port authority still refuses to negotiate with the elected committee of the workers.

        Endorsed by:

        | No. | Country     | Organization                      |
        |-----|-------------|-----------------------------------|
        | 1   | Argentina   | Frente Obrero Clasista            |
        | 2   | Philippines | Kilusang Manggagawa ng Maynila    |
        | 3   | Finland     | Työväen Liitto                    |
        """)
    assert signatories_of(found) == [("Frente Obrero Clasista", "AR"), ("Kilusang Manggagawa ng Maynila", "PH"),
                                     ("Työväen Liitto", "FI")]


def test_columns_set_with_spaces_and_a_ditto_mark_for_the_same_country(raw, countries):
    found = found_in(raw, countries, """\
        Solidarity with the railway workers

        We stand together.

        Signed:

        Organization                         Country
        --------------------------------     -----------
        Union of Metal Workers Sofia         Bulgaria
        Rail Workers Committee Plovdiv       "
        Federation of Dock Workers           Ghana
        """)
    assert signatories_of(found) == [("Union of Metal Workers Sofia", "BG"), ("Rail Workers Committee Plovdiv", "BG"),
                                     ("Federation of Dock Workers", "GH")]


def test_an_underlined_heading_in_capitals_names_the_status_and_a_row_between_like_rows_is_no_heading(raw, countries):
    found = found_in(raw, countries, """\
        The Lantern International

        Our sections
        ============

        Workers Voice — Peru
        RED PATH — MALI
        Fighting Line — Nepal

        Sympathizing groups
        -------------------

        Dawn League — Chile
        """, title="The Lantern International")
    rows = [(s.member.text, s.member.country_code, s.status) for s in found.sections]
    assert rows[:3] == [("Workers Voice", "PE", "official"), ("RED PATH", "ML", "official"), ("Fighting Line", "NP", "official")]
    assert rows[3] == ("Dawn League", "CL", "sympathizing")


def test_roman_numerals_and_names_between_middle_dots(raw, countries):
    found = found_in(raw, countries, """\
        Appeal for the release of the miners

        Signatories

          I.     Partido Obrero Revolucionario (Bolivia)
          II.    Workers Solidarity Union (Lesotho)

        Also: Liga Comunista (Uruguay) · Sosialistisk Front (Norway) · Arbeiterbund (Austria)
        """)
    assert signatories_of(found) == [("Partido Obrero Revolucionario", "BO"), ("Workers Solidarity Union", "LS"),
                                     ("Liga Comunista", "UY"), ("Sosialistisk Front", "NO"), ("Arbeiterbund", "AT")]


def test_names_apart_by_slashes_after_a_label_are_signatories_each_with_its_place(raw, countries):
    found = found_in(raw, countries, """\
        Against the blockade

        We demand an end to it.

        Signatures:
        Workers Party of Freedonia · Liga Socialista (Chile)
        Late signatures: Partido Comunista Paraguayo / Union of Toilers (Ghana) / Comité Ouvrier (Haiti)
        """)
    assert signatories_of(found)[-3:] == [("Partido Comunista Paraguayo", "PY"), ("Union of Toilers", "GH"),
                                          ("Comité Ouvrier", "HT")]


def test_a_clause_after_a_comma_is_no_part_of_the_last_name_and_a_place_in_a_name_is_its_own(raw, countries):
    found = found_in(raw, countries, """\
        Congress report

        Taking part in the work were delegations from the Socialist Party of Ruritania and the Lao People's Revolutionary Party, all of them headed by their leaders.
        """)
    assert signatories_of(found, "participant") == [("Socialist Party of Ruritania", None),
                                                    ("Lao People's Revolutionary Party", "LA")]


def test_a_state_that_no_longer_exists_keeps_the_code_it_had_and_a_title_is_no_issuer(raw, countries):
    found = found_in(raw, countries, """\
        Sections at the congress

        The following sections were represented:
        - Communist Party of the Soviet Union (USSR)
        - Socialist Unity Party (GDR)
        - League of Communists (Yugoslavia)
        - Tudeh Party (Persia)
        """)
    assert signatories_of(found, "participant") == [("Communist Party of the Soviet Union", "SU"),
                                                    ("Socialist Unity Party", "DD"), ("League of Communists", "YU"),
                                                    ("Tudeh Party", "IR")]
    assert signatories_of(found, "issuer") == []


def test_a_to_field_in_capitals_wrapped_under_its_value_is_one_addressee_of_kinds_of_organizations(raw, countries):
    found = found_in(raw, countries, """\
        CIRCULAR 12

        TO: AFFILIATED TEACHERS UNIONS AND REGIONAL
            FEDERATIONS

        Dear colleagues,

        We write to you about the conference in the spring, which will be held in Accra.
        """)
    (addressee,) = found.addressees
    assert addressee.text == "AFFILIATED TEACHERS UNIONS AND REGIONAL\n    FEDERATIONS" and addressee.people


def test_a_to_field_with_one_addressee_a_line_under_the_first_gives_each_of_them(raw, countries):
    found = found_in(raw, countries, """\
        MEMO

        To:   Harbour Workers' League (Chile)
              Dockers' Union of the North
              Revolutionary Seamen's
                  Federation (Peru)
        From: The Coordinating Office

        Dear comrades,

        We write to you about the conference in the spring, which will be held in Valparaíso.
        """)
    assert [(a.text, a.country_code) for a in found.addressees] == [
        ("Harbour Workers' League", "CL"), ("Dockers' Union of the North", None),
        ("Revolutionary Seamen's\n          Federation", "PE")]


def test_people_who_sign_for_their_organizations_give_the_organizations_as_signatories(raw, countries):
    found = found_in(raw, countries, """\
        Open letter to the bus drivers

        We have followed your strike from the first day, and we will raise money for your strike fund in our own
        unions and neighbourhoods until you have won. Your struggle is ours, and so is your victory when it comes.

        Fraternally,

        Ines Duarte, Treasurer, Liga dos Motoristas Socialistas (Portugal)
        Ole Brandt and Mette Sørensen, for the Executive, Red Transport Circle (Denmark)

        Yusuf Demir
        Deputy Secretary
        Union of Revolutionary Transport Workers (Turkey)

        Prof. Anna Weiss, historian (in a personal capacity)

        Further signatures are welcome: write to the committee at the address on our website.
        """)
    assert [(s.name.text, s.name.country_code) for s in found.signatories] == [
        ("Liga dos Motoristas Socialistas", "PT"), ("Red Transport Circle", "DK"),
        ("Union of Revolutionary Transport Workers", "TR")]


def test_entries_of_a_name_over_its_address_give_each_name_the_country_that_ends_its_entry(raw, countries):
    found = found_in(raw, countries, """\
        Campaña por los presos

        Han firmado este llamamiento las organizaciones siguientes:

        Liga Obrera del Pacífico
        Calle 14 n.º 233
        Valparaíso
        Chile

        Colectivo Sindical Clasista
        Salvador
        Brasil

        Grupo Socialista de Trabajadores
        Montevideo
        Uruguay
        """)
    assert [(s.name.text, s.name.country_code) for s in found.signatories] == [
        ("Liga Obrera del Pacífico", "CL"), ("Colectivo Sindical Clasista", "BR"),
        ("Grupo Socialista de Trabajadores", "UY")]


def test_a_sentence_that_says_what_its_list_is_before_a_colon_gives_sections_of_the_international_it_names(raw, countries):
    found = found_in(raw, countries, """\
        Circular of the Federation

        The following groups form the national sections of the IRTF: Liga Roja
        (Chile), Arbeiterbund Rheinland (Germany), Frente Obrero Clasista (Spanish
        State) and the Socialist Harbour Union (Malta), all of them affiliated since 2019.

        Observers

        Kommunistische Zelle (Austria); Grupo Proletário (Portugal).

        --
        IRTF Office, 12 Rua do Cais, Lisboa
        IRTF-list mailing list
        """)
    sections = {s.member.text: (s.member.country_code, s.status, s.international and s.international.text)
                for s in found.sections}
    assert sections == {
        "Liga Roja": ("CL", "official", "IRTF"), "Arbeiterbund Rheinland": ("DE", "official", "IRTF"),
        "Frente Obrero Clasista": ("ES", "official", "IRTF"), "Socialist Harbour Union": ("MT", "official", "IRTF"),
        "Kommunistische Zelle": ("AT", "observer", None), "Grupo Proletário": ("PT", "observer", None)}
    assert not found.signatories  # nor is the e-mail's signature under "--" a list


def test_a_french_lead_in_a_sentence_and_a_country_hyphenated_at_a_line_end(raw, countries):
    found = found_in(raw, countries, """\
        Compte rendu de la conférence

        Ont pris part aux travaux les délégués des organisations suivantes : Ligue Rouge (Bel-
        gique), Cercle Ouvrier de Lausanne (Suisse) et Union Prolétarienne (Sénégal).
        """)
    assert [(s.name.text, s.name.country_code) for s in found.signatories] == [
        ("Ligue Rouge", "BE"), ("Cercle Ouvrier de Lausanne", "CH"), ("Union Prolétarienne", "SN")]


def test_a_row_of_names_apart_by_dashes_and_rows_of_names_after_their_country(raw, countries):
    found = found_in(raw, countries, """\
        Aufruf zum Ersten Mai

        Wir rufen alle Kolleginnen und Kollegen auf, am Ersten Mai mit uns auf die Straße zu gehen, gegen Krieg und
        gegen die Abwälzung der Krise auf die Arbeiterklasse.

        Es unterzeichnen:

        Deutschland: Revolutionäre Arbeitergruppe, Kommunistischer Jugendbund Rhein
        Österreich: Sozialistische Arbeiterföderation
        Ligue Ouvrière (Belgique) – RSG (Ireland) – Grupo Obrero (Perú)
        """)
    assert [(s.name.text, s.name.country_code) for s in found.signatories] == [
        ("Revolutionäre Arbeitergruppe", "DE"), ("Kommunistischer Jugendbund Rhein", "DE"),
        ("Sozialistische Arbeiterföderation", "AT"), ("Ligue Ouvrière", "BE"), ("RSG", "IE"), ("Grupo Obrero", "PE")]


def test_a_country_then_a_name_with_a_dash_in_it_is_no_row_of_names(raw, countries):
    found = found_in(raw, countries, """\
        Joint statement

        Signed:

        México – Organización Socialista – Tendencia Proletaria
        Perú – Bloque Obrero y Campesino
        """)
    assert [(s.name.text, s.name.country_code) for s in found.signatories] == [
        ("Organización Socialista – Tendencia Proletaria", "MX"), ("Bloque Obrero y Campesino", "PE")]


def test_a_sections_page_under_a_heading_with_region_headings_and_marks_of_their_own(raw, countries):
    found = found_in(raw, countries, """\
        Home | About | Sections | Contact

        Our Sections around the World

        The sections of the Federation are bound by the decisions of its congress; sympathizing sections take part
        in its discussions with a consultative vote, observers with a voice and no vote at all.

        Last updated: 3 May 2025

        AFRICA AND THE MIDDLE EAST
          Workers' Circle (Lebanon)**
          Socialist Platform (Kenya)

        Europe:
          Red Dawn League (Ireland)*
          Cercle Marxiste (Belgium)†

          *  Sympathizing section.
          ** Group with observer status.
          †  Group in formation, admitted by the secretariat.

        Share: Facebook · Telegram · E-mail
        """)
    assert [(s.member.text, s.member.country_code, s.status) for s in found.sections] == [
        ("Workers' Circle", "LB", "observer"), ("Socialist Platform", "KE", "official"),
        ("Red Dawn League", "IE", "sympathizing"), ("Cercle Marxiste", "BE", "official")]
    assert not found.signatories


def test_sections_named_in_a_sentence_by_their_places_with_the_status_it_gives(raw, countries):
    found = found_in(raw, countries, """\
        Informe del Secretariado

        Después de una larga discusión sobre la situación en el continente, el texto fue votado por nuestras
        secciones plenas en Uruguay (Tendencia Obrera Clasista), México (Grupo Espartaco Rojo) y Estado Español
        (Corriente Roja de Trabajadores), y por las secciones simpatizantes de Colombia (Núcleo Obrero
        Internacionalista) e Italia (Circolo Operaio). La votación terminó a las nueve de la noche.
        """)
    rows = [(s.member.text, s.member.country_code, s.status) for s in found.sections]
    assert rows == [
        ("Tendencia Obrera Clasista", "UY", "full"),
        ("Grupo Espartaco Rojo", "MX", "full"),
        ("Corriente Roja de Trabajadores", "ES", "full"),
        ("Núcleo Obrero\nInternacionalista", "CO", "sympathizing"),
        ("Circolo Operaio", "IT", "sympathizing"),
    ]


def test_a_place_with_a_remark_in_parentheses_in_a_sentence_on_sections_is_no_section(raw, countries):
    found = found_in(raw, countries, """\
        Report

        Our sections in Kenya (since 2019) and Ghana (in formation) sent no delegates to Accra (Ghana) this year.
        """)
    assert found.sections == []


def test_a_table_in_pipes_far_below_the_framed_heading_that_names_sections(raw, countries):
    found = found_in(raw, countries, """\
        Who we are

        ====================================
        OUR SECTIONS AND SYMPATHIZING GROUPS
        ====================================

        Last updated: 2 May 2024

        The Federation was founded in 2011 by groups of six countries, which had worked together in the strikes of
        the ports for several years before they chose to found a common organization of their own.

        Our statutes distinguish sections, which vote at the congress, from sympathizing groups, which do not vote.

        The table below is kept by the secretariat, which answers every letter that is sent to it by the comrades.

        | Country  | Organization               | Status       |
        |----------|----------------------------|--------------|
        | Portugal | Liga dos Estivadores       | Section      |
        | Kenya    | Dockers' Unity Circle      | Sympathizing |
        """)
    rows = [(s.member.text, s.member.country_code, s.status) for s in found.sections]
    assert rows == [("Liga dos Estivadores", "PT", "official"), ("Dockers' Unity Circle", "KE", "sympathizing")]


def test_an_abbreviation_written_before_the_name_and_a_dash(raw, countries):
    found = found_in(raw, countries, """\
        Appel commun pour la paix

        Nous appelons à manifester le 8 mars dans toutes les capitales contre le réarmement et les budgets de guerre.

        Premiers signataires :
        LOR — Ligue Ouvrière Révolutionnaire, Belgique
        MST - Movimiento Socialista de los Trabajadores (Bolivia)
        UKS – Unabhängige Kommunistische Sammlung
        """)
    assert [(s.name.text, s.name.abbreviation, s.name.country_code) for s in found.signatories] == [
        ("Ligue Ouvrière Révolutionnaire", "LOR", "BE"),
        ("Movimiento Socialista de los Trabajadores", "MST", "BO"),
        ("Unabhängige Kommunistische Sammlung", "UKS", None),
    ]


def test_a_place_or_a_part_of_the_name_before_a_dash_is_no_abbreviation_of_it(raw, countries):
    found = found_in(raw, countries, """\
        Appeal

        We call for an immediate ceasefire and the opening of every crossing to food and medicine.

        Signed:
        USA – Socialist Alternative Collective
        UK - Workers Unity Network
        FRELO – Party of Labour
        """)
    assert [(s.name.text, s.name.abbreviation, s.name.country_code) for s in found.signatories] == [
        ("Socialist Alternative Collective", None, "US"), ("Workers Unity Network", None, "GB"),
        ("FRELO – Party of Labour", None, None),
    ]


def test_a_table_of_sections_whose_name_wraps_under_its_column_after_a_dash(raw, countries):
    found = found_in(raw, countries, """\
        Relatório da Conferência da Corrente Operária Internacional

        1. Secções plenas:

             Angola          Partido dos Trabalhadores Angolanos
             Moçambique      União Operária Revolucionária
                             - Tendência Bolchevique (UOR-TB)
             Portugal        Liga Socialista Operária

        2. Secções simpatizantes:

             Cabo Verde      Grupo Comunista Operário
        """)
    rows = [(s.status, s.member.text, s.member.country_code) for s in found.sections]
    assert rows == [
        ("full", "Partido dos Trabalhadores Angolanos", "AO"),
        ("full", "União Operária Revolucionária\n                     - Tendência Bolchevique (UOR-TB)", "MZ"),
        ("full", "Liga Socialista Operária", "PT"),
        ("sympathizing", "Grupo Comunista Operário", "CV"),
    ]


def test_a_table_in_pipes_with_a_column_of_publications_and_a_lead_with_an_aside(raw, countries):
    found = found_in(raw, countries, """\
        Tendencia Obrera Internacional: informe de organización

        3.2 Tras las decisiones del pleno (véase el punto 5), la Tendencia se compone de las siguientes secciones:

        País | Sección | Periódico | Estatus
        Chile | Liga Socialista de los Trabajadores (LST) | Avanzada | Sección
        Perú | Grupo Obrero Revolucionario | — | Sección simpatizante
        Uruguay | Izquierda Proletaria (IP) | Lucha Obrera | Observador
        """)
    rows = [(s.status, s.member.text, s.member.country_code) for s in found.sections]
    assert rows == [("official", "Liga Socialista de los Trabajadores (LST)", "CL"),
                    ("sympathizing", "Grupo Obrero Revolucionario", "PE"),
                    ("observer", "Izquierda Proletaria (IP)", "UY")]


def test_a_table_whose_status_column_says_member_is_no_list_of_signers_offices(raw, countries):
    found = found_in(raw, countries, """\
        Report of the Baltic Meeting

        Delegates of the organizations below met in Riga on 3 and 4 May to prepare a common campaign of solidarity.

        DELEGATIONS

        Land        Status      Organization
        Estonia     Member      Eesti Töölisliit
        Latvia      Member      Strādnieku Apvienība
        Finland     Guest       Työväen Vasemmisto

        The meeting closed with the adoption of a common appeal to the dockers of the Baltic ports and of Finland.
        """)
    assert [(s.role, s.name.text, s.name.country_code) for s in found.signatories] == [
        ("participant", "Eesti Töölisliit", "EE"), ("participant", "Strādnieku Apvienība", "LV"),
        ("participant", "Työväen Vasemmisto", "FI")]


def test_a_body_under_a_list_of_endorsers_signs_for_the_issuer(raw, countries):
    found = found_in(raw, countries, """\
        Resolution on Port Labour

        The conference resolves to support the strikes of port workers in every country of the region this year.

        ENDORSED BY

           Ghana – Dock Workers Solidarity Group
           Togo – Union des Travailleurs du Port

                                          Executive Bureau
                                          West African Workers Coordination
                                          Accra, 12 May 2024
        """)
    assert [(s.role, s.name.text) for s in found.signatories] == [
        ("issuer", "West African Workers Coordination"), ("signatory", "Dock Workers Solidarity Group"),
        ("signatory", "Union des Travailleurs du Port")]


def test_an_aside_in_a_heading_with_a_comma_names_no_second_kind_of_section(raw, countries):
    found = found_in(raw, countries, """\
        Rapport du congrès de la Ligue Ouvrière Internationale

        Sections sympathisantes (voix consultative, sans vote) :

        Belgique — Cercle Ouvrier Rouge
        Suisse — Groupe Communiste Internationaliste
        """)
    assert [(s.status, s.member.country_code) for s in found.sections] == [("sympathizing", "BE"), ("sympathizing", "CH")]


def test_a_heading_of_first_signatories_in_capitals_with_a_date_aside(raw, countries):
    found = found_in(raw, countries, """\
        Apelo pela paz na Colômbia

        Apelamos a todas as organizações operárias para se mobilizarem a 20 de julho em defesa dos acordos de paz.

        PRIMEIRAS ORGANIZAÇÕES SIGNATÁRIAS (até 3 de julho)

        Partido Operário Socialista (Chile)        União da Juventude Comunista (Equador)
        Liga Revolucionária (Peru)                 Coletivo Operário de Base (Bolívia)
        """)
    assert [(s.role, s.name.text, s.name.country_code) for s in found.signatories] == [
        ("signatory", "Partido Operário Socialista", "CL"), ("signatory", "União da Juventude Comunista", "EC"),
        ("signatory", "Liga Revolucionária", "PE"), ("signatory", "Coletivo Operário de Base", "BO")]


def test_lines_of_a_country_and_its_names_wrapped_onto_a_second_line(raw, countries):
    found = found_in(raw, countries, """\
        Gemeinsame Erklärung gegen die Aufrüstung

        Wir rufen alle Gewerkschaften und Arbeiterorganisationen auf, am 1. September gegen die Kriegshaushalte zu streiken.

        Es unterzeichnen:

        Österreich: Bund Sozialistischer Arbeiter (BSA); Revolutionäre
        Jugendinitiative
        Bosnien-Herzegowina: Radnička Fronta
        Schweiz: Sozialistische Arbeiterpartei; Kommunistische Gruppe
        Basel (KGB)
        """)
    assert [(s.name.text, s.name.country_code) for s in found.signatories] == [
        ("Bund Sozialistischer Arbeiter (BSA)", "AT"), ("Revolutionäre\nJugendinitiative", "AT"),
        ("Radnička Fronta", "BA"), ("Sozialistische Arbeiterpartei", "CH"), ("Kommunistische Gruppe\nBasel (KGB)", "CH")]


@pytest.mark.parametrize("sentence, name, country", [
    ("Participou como observador o Sindicato dos Estivadores, de Cabo Verde.", "Sindicato dos Estivadores", "CV"),
    ("The Dockers' Solidarity League, from Ghana, took part as an observer.", None, None),
    ("Also took part as observers the Workers Unity Circle and the Red Youth Front.", "Workers Unity Circle", None),
])
def test_an_organization_said_to_take_part_as_an_observer_is_a_participant(raw, countries, sentence, name, country):
    found = found_in(raw, countries, f"""\
        Report of the Regional Meeting

        The meeting discussed the situation of the port workers of the region and adopted a common plan of action.

        {sentence}
        """)
    participants = [(s.name.text, s.name.country_code) for s in found.signatories if s.role == "participant"]
    assert participants[:1] == ([(name, country)] if name else [])


def test_a_lead_over_a_hard_wrapped_paragraph_of_names_and_their_places(raw, countries):
    found = found_in(raw, countries, """\
        Campaña por la libertad de los presos de Jujuy

        Exigimos la libertad inmediata de los dirigentes detenidos y el fin de la persecución contra los docentes.

        Adhieren (al 5 de mayo):

        Liga Obrera Internacionalista (Uruguay), Frente de Trabajadores de
        la Educación (Paraguay), Partido Operário Revolucionário (Brasil), Unión
        Socialista de los Trabajadores (Chile), Colectivo Clase contra Clase
        (España).

        Adhesiones individuales: María Torres, docente, Sindicato Unificado de Maestros; Pedro Gil, periodista.
        """)
    assert [(s.role, s.name.text, s.name.country_code) for s in found.signatories] == [
        ("signatory", "Liga Obrera Internacionalista", "UY"),
        ("signatory", "Frente de Trabajadores de\nla Educación", "PY"),
        ("signatory", "Partido Operário Revolucionário", "BR"),
        ("signatory", "Unión\nSocialista de los Trabajadores", "CL"),
        ("signatory", "Colectivo Clase contra Clase", "ES")]


@pytest.mark.parametrize("sentence, expected", [
    ("Étaient représentés : pour la Belgique, le Parti Ouvrier Socialiste ; pour la Suisse, la Ligue Marxiste "
     "Révolutionnaire et le Cercle Ouvrier de Genève ; pour le Luxembourg, l'Union Communiste.",
     [("Parti Ouvrier Socialiste", "BE"), ("Ligue Marxiste Révolutionnaire", "CH"), ("Cercle Ouvrier de Genève", "CH"),
      ("Union Communiste", "LU")]),
    ("The following delegations were present — from Kenya: Workers Unity League and the Socialist Youth Front; from "
     "Ghana: Revolutionary Workers Party; and, from Uganda, our hosts.",
     [("Workers Unity League", "KE"), ("Socialist Youth Front", "KE"), ("Revolutionary Workers Party", "GH")]),
])
def test_participants_named_in_a_sentence_group_by_group_after_their_country(raw, countries, sentence, expected):
    found = found_in(raw, countries, f"""\
        Report

        {sentence}

        The meeting discussed the situation of the working class in each country and adopted a common declaration.
        """)
    assert [(s.role, s.name.text, s.name.country_code) for s in found.signatories] == [
        ("participant", name, country) for name, country in expected]


def test_a_hard_wrapped_sentence_dense_with_names_is_one_passage_though_a_line_opens_with_a_dash(raw):
    passages = passages_of_text(raw, """\
        Report

        Erano presenti le seguenti delegazioni — dalla Grecia: il Partito Operaio
        Rivoluzionario (POR) e la Federazione Giovanile Comunista; dalla Turchia: il
        Partito Comunista dei Lavoratori (PCL); da Cipro: il Movimento Socialista
        – Ala Sinistra; dall'Albania: il Fronte Operaio (FO); e, dalla Bulgaria, un
        osservatore.
        """)
    assert [p.kind for p in passages] == ["title", "paragraph"]


def passages_of_text(raw, text):
    source = read_source(raw.add("doc", text, "title: Untitled\nkind: statement\n"))
    (document,) = split_documents(source)
    return split_passages(source, document)


def test_addressees_named_by_a_body_of_theirs_in_another_language(raw, countries):
    found = found_in(raw, countries, """\
        Carta abierta

        A la dirección nacional del Partido Obrero Revolucionario (POR)
        Al comité ejecutivo de la Unión de Trabajadores Socialistas
        Au Comité de Solidarité Ouvrière

        Compañeros: os proponemos una reunión conjunta para preparar la jornada de lucha del próximo mes de marzo.
        """)
    assert [a.text for a in found.addressees] == [
        "Partido Obrero Revolucionario (POR)", "Unión de Trabajadores Socialistas",
        "Comité de Solidarité Ouvrière",  # a committee of one word is the name's own
    ]


def test_who_signs_for_a_body_above_a_note_that_closes_the_text_issues_it(raw, countries):
    found = found_in(raw, countries, """\
        Offener Brief an die Gewerkschaften

        Wir schlagen allen Gewerkschaften der Region eine gemeinsame Konferenz gegen die Schließung der Werften vor.

        Die Konferenz soll im März in Kiel stattfinden; über Ort und Tagesordnung entscheiden alle Beteiligten gemeinsam.

        Für den Bundesvorstand der Sozialistischen Arbeiterpartei:

        Karin Vogt                    Emre Yıldız
        Vorsitzende                   Sekretär

        Antworten bitte an die Geschäftsstelle der Partei in Kiel, die auch weitere Exemplare dieses Briefes verschickt.
        """)
    assert [s.name.text for s in found.signatories if s.role == "issuer"] == ["Sozialistischen Arbeiterpartei"]


def test_a_body_over_its_organization_above_a_note_that_closes_the_text_issues_it(raw, countries):
    found = found_in(raw, countries, """\
        Declaración sobre la huelga portuaria

        Los estibadores de todos los puertos del Pacífico sur llevan tres semanas de huelga por sus salarios y su convenio.

        Llamamos a todas las organizaciones obreras a organizar colectas y actos de solidaridad con los huelguistas.

        Secretaría de Relaciones Internacionales
        Federación Obrera Portuaria

        La Federación es miembro de la coordinadora internacional de los trabajadores portuarios desde el año 2009.
        """)
    assert [s.name.text for s in found.signatories if s.role == "issuer"] == ["Federación Obrera Portuaria"]


def test_callers_of_a_demonstration_in_a_hard_wrapped_row_apart_by_dots(raw, countries):
    found = found_in(raw, countries, """\
        ¡Todas y todos a la calle el 8 de marzo!

        Marcha desde la plaza del Obelisco a las 17 horas contra los despidos en el Estado y los recortes en sanidad.

        Convocan:
        Colectivo Obrero Feminista (COF) · Agrupación Docente «Rosa Roja» · Juventud
        Socialista de Base · Partido de los Trabajadores Revolucionarios (PTR) · Inter-
        nacional Obrera de Mujeres · Asamblea Vecinal de Boedo · Liga de la Juventud
        Comunista (Uruguay, con un saludo fraternal)
        """)
    assert [(s.role, s.name.text, s.name.country_code) for s in found.signatories] == [
        ("signatory", "Colectivo Obrero Feminista (COF)", None), ("signatory", "Agrupación Docente «Rosa Roja»", None),
        ("signatory", "Juventud\nSocialista de Base", None),
        ("signatory", "Partido de los Trabajadores Revolucionarios (PTR)", None),
        ("signatory", "Inter-\nnacional Obrera de Mujeres", None), ("signatory", "Asamblea Vecinal de Boedo", None),
        ("signatory", "Liga de la Juventud\nComunista", "UY")]


def test_a_line_of_individual_signatories_with_no_colon_ends_a_list_of_organizations(raw, countries):
    found = found_in(raw, countries, """\
        Solidarity with the Baltic dockers

        We call on all transport unions to refuse to handle the cargo of the companies that locked out the dockers.

        SWEDEN
        Gothenburg Dockers' Union
        Malmö Socialist Workers Group
        FINLAND
        Helsinki Port Workers Union
        Turku Workers' League
        Individual signatories (affiliations for identification only)
        Dr Anna Lind, Uppsala University
        Mikko Virtanen, Helsinki Port Workers Union
        """)
    assert [(s.name.text, s.name.country_code) for s in found.signatories] == [
        ("Gothenburg Dockers' Union", "SE"), ("Malmö Socialist Workers Group", "SE"),
        ("Helsinki Port Workers Union", "FI"), ("Turku Workers' League", "FI")]


def test_fraternal_guests_named_in_a_sentence_with_their_countries(raw, countries):
    found = found_in(raw, countries, """\
        Informe del congreso

        El congreso reunió a los delegados de todas las secciones y discutió durante tres días la situación mundial.

        Asistieron también, como invitados fraternales, el Movimiento Obrero Socialista (MOS) del Perú y la Liga
        Comunista Revolucionaria, de Bolivia, que colaboran con nosotros desde hace años.
        """)
    assert [(s.role, s.name.text, s.name.country_code) for s in found.signatories] == [
        ("participant", "Movimiento Obrero Socialista (MOS)", "PE"), ("participant", "Liga\nComunista Revolucionaria", "BO")]


def test_a_name_in_capitals_under_the_place_and_date_above_an_editors_note_issues_the_text(raw, countries):
    found = found_in(raw, countries, """\
        Résolution sur la guerre d'Algérie

        Le congrès exige le retrait immédiat de toutes les troupes françaises et la reconnaissance de l'indépendance.

        Les sections sont chargées d'organiser partout des meetings et des collectes pour les prisonniers algériens.

        Bruxelles, 12 mars 1961.

        L'UNION SOCIALISTE DES TRAVAILLEURS

        [Note de la rédaction : le texte est reproduit d'après l'exemplaire ronéotypé conservé dans les archives de
        la fédération de Liège, qui porte des corrections manuscrites.]

        Voir aussi : Congrès de Liège (1960) · Grève générale de 1960-1961 · Fédération de Liège
        """)
    assert [s.name.text for s in found.signatories if s.role == "issuer"] == ["UNION SOCIALISTE DES TRAVAILLEURS"]


def test_a_numbered_list_of_signatories_with_marks_of_the_new_ones_and_abbreviations_after_a_dash(raw, countries):
    found = found_in(raw, countries, """\
        Sign-on letter: free the jailed bus drivers

        We, the undersigned, demand the release of the eleven drivers jailed after the strike of 2 February in Lagos.

        Signatories (as of 3 April):
        1.  Transport Workers Solidarity Group - TWSG (Ghana)
        2.  Union des Chauffeurs Révolutionnaires (Sénégal) [NEW]
        3.  Kenya Drivers' Union, Kenya [added 2 April]
        """)
    assert [(s.name.text, s.name.abbreviation, s.name.country_code) for s in found.signatories] == [
        ("Transport Workers Solidarity Group", "TWSG", "GH"), ("Union des Chauffeurs Révolutionnaires", None, "SN"),
        ("Kenya Drivers' Union", None, "KE")]


def test_the_fields_of_a_message_head_are_no_list_of_names(raw, countries):
    found = found_in(raw, countries, """\
        Open letter on the port strike

        To: The Ministry of Labour
            The Port Authority of Mombasa
        Cc: International Labour Organization (ILO)

        We, the undersigned unions, call on the ministry to withdraw the dismissals and to open negotiations at once.

        Dockworkers Union of Kenya
        Seafarers Union of Tanzania
        """)
    assert [s.name.text for s in found.signatories] == ["Dockworkers Union of Kenya", "Seafarers Union of Tanzania"]


def test_sections_by_region_under_country_headings_that_give_their_status_with_contact_lines(raw, countries):
    found = found_in(raw, countries, """\
        Our sections

        Home     About us     Sections     Publications     Contact

        EUROPE

        Belgium — sympathizing section
        Cercle Ouvrier Internationaliste
        Facebook: /cercle.ouvrier

        Denmark
        Revolutionær Arbejderliga (RAL)
        E-mail: ral@example.dk

        LATIN AMERICA

        Chile: Liga Obrera Socialista (LOS)
        Peru: Grupo Obrero Revolucionario
        """)
    rows = [(s.status, s.member.text, s.member.country_code) for s in found.sections]
    assert rows == [("sympathizing", "Cercle Ouvrier Internationaliste", "BE"),
                    ("official", "Revolutionær Arbejderliga (RAL)", "DK"),
                    ("official", "Liga Obrera Socialista (LOS)", "CL"), ("official", "Grupo Obrero Revolucionario", "PE")]


def test_a_post_with_emoji_bullets_and_leads_that_are_bullets_too(raw, countries):
    found = found_in(raw, countries, """\
        Frente de Luta Popular

        ✊ 1º DE MAIO CLASSISTA! Todos à Praça da República às 10h contra a reforma e pelo emprego!

        🤝 CONVOCAM O ATO:
        ▪️ Sindicato dos Metroviários de Lisboa (SML)
        ▪️ Coletivo Operário Revolucionário – COR

        🌍 Com o apoio internacional de:
        ▪️ Liga Obrera Internacionalista (Uruguay 🇺🇾)

        Vamos juntas! ✊🏽
        """)
    assert [(s.role, s.name.text, s.name.country_code) for s in found.signatories] == [
        ("signatory", "Sindicato dos Metroviários de Lisboa (SML)", "PT"),  # "de Lisboa": of Portugal
        ("signatory", "Coletivo Operário Revolucionário", None),
        ("signatory", "Liga Obrera Internacionalista", "UY")]


def test_observers_said_first_then_the_verb_and_comrades_of_an_organization_in_a_sentence(raw, countries):
    found = found_in(raw, countries, """\
        Crónica de la conferencia

        La conferencia se reunió en Asunción durante dos días para discutir la situación del movimiento obrero.

        En calidad de observadores asistieron el Grupo Obrero Marxista, de Chile; la Liga Comunista (LC) de
        México, y compañeros del Partido Socialista de los Trabajadores (PST) de Panamá.
        """)
    assert [(s.role, s.name.text, s.name.country_code) for s in found.signatories] == [
        ("participant", "Grupo Obrero Marxista", "CL"), ("participant", "Liga Comunista (LC)", "MX"),
        ("participant", "Partido Socialista de los Trabajadores (PST)", "PA")]


@pytest.mark.parametrize("imprint, issuer", [
    ("Herausgeber: Sozialistische Jugend Hessen, Postfach 12 04, 34012 Kassel", "Sozialistische Jugend Hessen"),
    ("Uitgave: Verbond van Socialistische Arbeiders · Postbus 1917 · 1000 BX Amsterdam", "Verbond van Socialistische Arbeiders"),
])
def test_the_label_of_an_imprint_names_who_issues_the_text(raw, countries, imprint, issuer):
    found = found_in(raw, countries, f"""\
        Aufruf

        Wir rufen alle Schülerinnen, Schüler und Auszubildenden auf, am Freitag für bezahlbare Fahrkarten zu streiken.

        II

        {imprint}
        """)
    assert [s.name.text for s in found.signatories if s.role == "issuer"] == [issuer]
