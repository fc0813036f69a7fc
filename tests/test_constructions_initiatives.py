"""Pattern tables for outcome documents, proposals and programmes: (text, expected fact) in each language,
on sentences written for these tests, and the precision guards of the family."""
from __future__ import annotations

from pathlib import Path

import pytest

from kgbuild.document import parse_document
from kgbuild.extract import extract


def doc(body: str, lang: str, title: str = "Title"):
    raw = f" date 2025-03-10 {title}\n{body}\n".encode("utf-8")
    return extract(parse_document(raw, Path(f"test-{lang}.txt"), lang))


def names(ex) -> list[str]:
    return [i.name for i in ex.initiatives]


# 1. lists of signed documents, one per line after a colon
LISTS = [
    ("en", "Following the talks, 12 documents were signed, including:\n"
           "– Protocol on the exchange of instruments of ratification of the Treaty on the State Border;\n"
           "– Cooperation Agreement in the field of civil aviation;\n"
           "– Memorandum of Understanding between the ministries of culture.",
     [("protocol", "Protocol on the exchange of instruments of ratification of the Treaty on the State Border"),
      ("agreement", "Cooperation Agreement in the field of civil aviation"),
      ("memorandum", "Memorandum of Understanding between the ministries of culture")]),
    ("ru", "По итогам переговоров подписаны межправительственные соглашения:\n"
           "— о воздушном сообщении;\n"
           "— о сотрудничестве в сфере образования и науки;\n"
           "— о взаимной защите инвестиций.",
     [("agreement", "соглашение о воздушном сообщении"),
      ("agreement", "соглашение о сотрудничестве в сфере образования и науки"),
      ("agreement", "соглашение о взаимной защите инвестиций")]),
    ("kk", "Кездесу қорытындысы бойынша бірқатар құжаттарға қол қойылды:\n"
           "– Көлік саласындағы ынтымақтастық туралы келісім;\n"
           "– Туризм саласындағы өзара түсіністік туралы меморандум;\n"
           "– Білім беру жөніндегі хаттама.",
     [("agreement", "Көлік саласындағы ынтымақтастық туралы келісім"),
      ("memorandum", "Туризм саласындағы өзара түсіністік туралы меморандум"),
      ("protocol", "Білім беру жөніндегі хаттама")]),
]


@pytest.mark.parametrize("lang,body,expected", LISTS)
def test_each_listed_document_is_one_initiative_named_by_its_whole_item(lang, body, expected):
    ex = doc(body, lang)
    assert [(i.kind, i.name) for i in ex.initiatives] == expected


def test_a_list_item_with_a_period_is_a_programme_not_an_initiative():
    ex = doc("The sides signed the following documents:\n– Agreement on trade in services;\n"
             "– Programme of economic partnership for 2026-2028.", "en")
    assert names(ex) == ["Agreement on trade in services"]
    assert [(p.start, p.end) for p in ex.programmes] == [(2026, 2028)]


@pytest.mark.parametrize("lang,body", [
    ("en", "After the vote, the minister proposed a series of steps:\n• holding events abroad;\n• setting up a commission."),
    ("ru", "Министр перечислил задачи:\n— развитие торговли;\n— укрепление связей."),
    ("kk", "Министр міндеттерді атап өтті:\n– сауданы дамыту;\n– байланыстарды нығайту."),
])
def test_a_list_of_things_that_are_no_documents_gives_no_initiatives(lang, body):
    assert [i for i in doc(body, lang).initiatives if i.kind != "initiative"] == []


# adopted documents in a sentence: joint statements, protocols, roadmaps, quoted titles, aims
ADOPTED = [
    ("en", "The meeting resulted in the adoption of a Joint statement.", "statement", "Joint statement"),
    ("en", "As a result of the consultations, the final Protocol was signed.", "protocol", "final Protocol"),
    ("en", "The ministers also approved the agreement to establish the Regional Water Institute.", "agreement",
     "agreement to establish the Regional Water Institute"),
    ("en", "The Assembly adopted a resolution by consensus, declaring 2027 the “International Year of Rivers”.",
     "resolution", "resolution declaring 2027 the “International Year of Rivers”"),
    ("ru", "Лидеры государств приняли совместное заявление.", "statement", "совместное заявление"),
    ("ru", "Первая резолюция под названием «Реки без границ» была принята в апреле.", "resolution",
     "Первая резолюция под названием «Реки без границ»"),
    ("ru", "Главы государств одобрили Региональную программу «Чистый воздух» для Центральной Азии.", "programme",
     "Региональная программа «Чистый воздух»"),
    ("kk", "Тараптар бірлескен мәлімдеме қабылдады.", "statement", "бірлескен мәлімдеме"),
    ("kk", "Кездесуден кейін «жол картасы» қабылданды.", "roadmap", "жол картасы"),
]


@pytest.mark.parametrize("lang,body,kind,name", ADOPTED)
def test_an_adopted_document_is_named_by_its_whole_noun_phrase(lang, body, kind, name):
    assert [(i.kind, i.name) for i in doc(body, lang).initiatives] == [(kind, name)]


# 2. proposals and their proposers
PROPOSALS = [
    ("en", "The General Assembly adopted a resolution declaring 2027 the International Year of Rivers on "
           "Kazakhstan's initiative.", "resolution", "country/kz"),
    ("ru", "Резолюция о Международном годе рек была принята по инициативе Кыргызстана.", "resolution", "country/kg"),
    ("en", "Following the vote, Kassym-Jomart Tokayev proposed a series of joint measures.", "initiative",
     "person/kassym-jomart-tokayev"),
    ("ru", "Касым-Жомарт Токаев призвал запустить процесс создания Международного агентства по водным ресурсам.",
     "initiative", "person/kassym-jomart-tokayev"),
    ("kk", "Қазақстанның Орталық Азия су кеңесін құру туралы бастамасы қолдау тапты.", "initiative", "country/kz"),
    # a programme named by its author and its aim
    ("ru", "Министр рассказал о реализации программы президента Касым-Жомарта Токаева по политической "
           "модернизации страны.", "programme", "person/kassym-jomart-tokayev"),
    ("en", "The minister briefed on the programme of President Kassym-Jomart Tokayev on political modernisation "
           "of the country.", "programme", "person/kassym-jomart-tokayev"),
]


@pytest.mark.parametrize("lang,body,kind,proposer", PROPOSALS)
def test_a_proposal_has_its_proposer(lang, body, kind, proposer):
    found = doc(body, lang).initiatives
    assert [(i.kind, i.proposer) for i in found] == [(kind, proposer)]


@pytest.mark.parametrize("lang,body,expected", [
    ("en", "Kazakhstan decided to establish a Regional Water Centre and a Climate Fund.",
     ["Regional Water Centre", "Climate Fund"]),
    ("ru", "Казахстан принял решение создать региональный центр водных ресурсов и климатический фонд.",
     ["региональный центр водных ресурсов", "климатический фонд"]),
])
def test_a_decision_to_create_things_proposes_each_of_them(lang, body, expected):
    found = doc(body, lang).initiatives
    assert [(i.name, i.proposer) for i in found] == [(n, "country/kz") for n in expected]


def test_a_decision_to_hold_an_event_is_no_proposal():
    assert doc("Uzbekistan decided to hold the Regional Forum in May.", "en").initiatives == []


def test_the_titles_proposer_goes_to_the_body_document_it_names():
    ex = doc("Генеральная Ассамблея приняла резолюцию о Международном годе рек.", "ru",
             title="ООН объявила 2027 год Международным годом рек по инициативе Кыргызстана")
    assert [(i.kind, i.proposer) for i in ex.initiatives] == [("resolution", "country/kg")]


# 3. programmes: periods inside titles, owners, priorities
PROGRAMMES = [
    ("en", "The working plan of the Secretariat for 2027 was approved.", "plan", 2027, 2027),
    ("ru", "Совет утвердил план консультаций на 2027 год.", "plan", 2027, 2027),
    ("kk", "Хатшылықтың 2027 жылға арналған жұмыс жоспары бекітілді.", "work-plan", 2027, 2027),
    ("en", "A Program of consultations between the Ministries of Foreign Affairs of the Republic of Uzbekistan "
           "and the Republic of Belarus for 2026-2027 was signed.", "programme", 2026, 2027),
    ("ru", "Стороны подписали программу сотрудничества между министерствами иностранных дел двух стран на "
           "2026-2027 годы.", "programme", 2026, 2027),
]


@pytest.mark.parametrize("lang,body,kind,start,end", PROGRAMMES)
def test_a_programme_has_the_period_in_its_title(lang, body, kind, start, end):
    ex = doc(body, lang)
    assert [(p.kind, p.start, p.end) for p in ex.programmes] == [(kind, start, end)]
    assert ex.initiatives == []  # a programme is not also an initiative


def test_the_fields_listed_in_a_programmes_sentence_are_its_priorities():
    ex = doc("The working plan of the Secretariat for 2027, including projects in the fields of energy and "
             "water, health, education and tourism, was approved.", "en")
    assert [t for t, _ in ex.programmes[0].priorities] == ["energy and water", "health", "education", "tourism"]


def test_a_programmes_owner_is_named_in_it_or_is_the_subject():
    ex = doc("UNRCCA approved the Programme of Action for 2026-2030.", "en")
    assert ex.programmes[0].owner == "org/unrcca"
    ex = doc("The ministers approved a Programme of consultations for 2026-2027, the press service of UNRCCA "
             "reported.", "en")
    assert ex.programmes[0].owner is None  # an organisation named further off owns nothing


SHARED_OUT = [
    # (language, body, owners in order): programmes in the plural, shared out over pairs of partners
    ("en", "Joint programmes of cooperation for 2026-2028 were signed between Samarkand and Osh regions, Bukhara and "
           "Naryn regions, and Almaty and Talas regions.",
     ["samarkand", "buhara", "almati"]),
    ("en", "Cultural programs for 2027-2029 were adopted between Almaty and Bishkek, Tashkent and Dushanbe.",
     ["almaty", "tashkent"]),
]


@pytest.mark.parametrize("lang,body,owners", SHARED_OUT)
def test_programmes_between_listed_pairs_are_one_for_each_pair_owned_by_its_first_partner(lang, body, owners):
    ex = doc(body, lang)
    assert len(ex.programmes) == len(owners)
    assert all(owner in (p.owner or "") for p, owner in zip(ex.programmes, owners))
    assert len({(p.start, p.end) for p in ex.programmes}) == 1


def test_a_single_programme_between_two_partners_is_one_programme():
    ex = doc("A programme of cooperation for 2026-2028 was signed between Samarkand and Osh regions.", "en")
    assert len(ex.programmes) == 1


# 4. precision: names are whole noun phrases, never fragments or verb phrases
NOT_NAMES = [
    ("en", "The foreign ministers also approved the agreement on trade in services.", ["approved", "also"]),
    ("en", "The sides approved a number of documents including the agreement on customs cooperation.",
     ["documents", "including"]),
    ("ru", "Резолюция о Международном годе рек была принята единогласно.", ["была", "принята"]),
    ("kk", "Мемлекет басшылары Орталық Азия ынтымақтастығы туралы декларацияға қол қойды.", ["басшылары"]),
]


@pytest.mark.parametrize("lang,body,words", NOT_NAMES)
def test_an_initiative_name_holds_no_verb_or_subject(lang, body, words):
    found = names(doc(body, lang))
    assert found and not any(w in n.split() for n in found for w in words), found


NO_DOCUMENT = [
    ("en", "The minister said this initiative deserves support."),
    ("en", "A preliminary agreement was reached on the development of joint projects."),
    ("en", "The ministers met ahead of the council of the Collective Security Treaty Organization."),
    ("en", "The resolution aims to promote peaceful conflict resolution through dialogue."),
    ("ru", "Министр отметил, что эта инициатива была озвучена на сессии."),
    ("ru", "Об этом сообщила информационная программа «Вести» телеканала."),
    ("kk", "Бұл бастама кеңінен қолдау тапты."),
    ("kk", "Тараптар су ресурстары туралы келісімге келді."),
]


@pytest.mark.parametrize("lang,body", NO_DOCUMENT)
def test_no_initiative_where_no_document_is_named(lang, body):
    assert names(doc(body, lang)) == []


def test_a_bare_re_mention_is_the_document_named_before():
    ex = doc("The Assembly adopted the Resolution on the International Year of Rivers. "
             "86 countries co-sponsored the Resolution.", "en")
    assert names(ex) == ["Resolution on the International Year of Rivers"]


def test_the_titles_summary_is_the_document_the_body_names():
    ex = doc("Президенты подписали договор о дружбе и сотрудничестве.", "ru", title="Подписан договор между тремя странами")
    assert names(ex) == ["договор о дружбе"]


# precision guards: a proposer is never taken from a neighbouring sentence
def test_a_proposer_phrase_names_no_proposer_in_another_sentence():
    ex = doc("The resolution was adopted on Kazakhstan's initiative. The sides also signed the Agreement on "
             "Transit Trade.", "en")
    agreement = next(i for i in ex.initiatives if i.kind == "agreement")
    assert agreement.proposer is None


def test_a_proposal_verb_gives_no_proposer_across_sentences():
    ex = doc("Kassym-Jomart Tokayev spoke at the session. The Assembly proposed a Framework Convention on "
             "Water Use.", "en")
    convention = next(i for i in ex.initiatives if i.kind == "convention")
    assert convention.proposer != "person/kassym-jomart-tokayev"
