"""Meeting constructions of the genre, as pattern tables (text, expected fact) on sentences written for
the tests, in each language where the construction occurs; with guards that a participation or a date is
never taken from a neighbouring meeting or sentence."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kgbuild.document import parse_document
from kgbuild.extract import extract


def doc(body: str, lang: str, date: str = "2025-03-10", title: str = "Title"):
    raw = f" date {date} {title}\n{body}\n".encode("utf-8")
    return extract(parse_document(raw, Path(f"test-{lang}.txt"), lang))


def pairs(ex) -> set[tuple[str, frozenset[str], dt.date | None]]:
    """Each meeting as (kind, persons taking part, date)."""
    return {(m.kind, frozenset(p.agent for p in m.participations if not p.is_group), m.date) for m in ex.meetings}


def surname(agent: str) -> str:
    return agent.rsplit("-", 1)[-1]


def by_surnames(ex) -> set[tuple[str, frozenset[str], dt.date | None]]:
    return {(k, frozenset(surname(a) for a in persons), d) for k, persons, d in pairs(ex)}


COUNTERPART_LISTS = [
    # (language, body, {(kind, surnames of the two sides, date)}): one bilateral meeting per counterpart
    ("en", "On 12 May 2025 in Tashkent, Foreign Minister of Uzbekistan Bakhtiyor Saidov held separate meetings with "
           "the Foreign Minister of Belarus Ivan Petrovich, the Minister of Foreign Affairs of Latvia Anna Berzina and "
           "the Minister of Foreign Affairs of Georgia Levan Kapanadze.",
     {("meeting", frozenset({"saidov", "petrovich"}), dt.date(2025, 5, 12)),
      ("meeting", frozenset({"saidov", "berzina"}), dt.date(2025, 5, 12)),
      ("meeting", frozenset({"saidov", "kapanadze"}), dt.date(2025, 5, 12))}),
    ("en", "Foreign Minister of Kazakhstan Murat Nurtleu met with Foreign Minister of Latvia Anna Berzina and "
           "Prime Minister of Latvia Janis Ozols.",
     {("meeting", frozenset({"nurtleu", "berzina"}), dt.date(2025, 3, 10)),
      ("meeting", frozenset({"nurtleu", "ozols"}), dt.date(2025, 3, 10))}),
    ("ru", "Министр иностранных дел Казахстана Мурат Нуртлеу провел встречи с президентом Латвии Андрисом Берзинсом и "
           "премьер-министром Латвии Янисом Озолсом, а также переговоры с министром иностранных дел Латвии Байбой Браже.",
     {("meeting", frozenset({"nurtleu", "berzins"}), dt.date(2025, 3, 10)),
      ("meeting", frozenset({"nurtleu", "ozols"}), dt.date(2025, 3, 10)),
      ("talks", frozenset({"nurtleu", "brazhe"}), dt.date(2025, 3, 10))}),
    # each clause keeps its own date: the date nearest its verb or noun
    ("ru", "14 мая Генеральный секретарь ШОС Нурлан Ермекбаев провел встречу с министром иностранных дел Киргизии "
           "Жээнбеком Кулубаевым, а 15 мая был принят Президентом Киргизии Садыром Жапаровым.",
     {("meeting", frozenset({"yermekbayev", "kulubaev"}), dt.date(2025, 5, 14)),
      ("reception", frozenset({"yermekbayev", "japarov"}), dt.date(2025, 5, 15))}),
    ("kk", "Сыртқы істер министрі Мұрат Нұртілеу Латвияға ресми сапармен барды. Сапар аясында Мұрат Нұртілеудің "
           "Латвия Президенті Андрис Берзинспен, Латвия Премьер-Министрі Янис Озолспен кездесулері өтті.",
     {("meeting", frozenset({"nurtleu", "berzins"}), dt.date(2025, 3, 10)),
      ("meeting", frozenset({"nurtleu", "ozols"}), dt.date(2025, 3, 10))}),
]


@pytest.mark.parametrize("lang,body,expected", COUNTERPART_LISTS)
def test_a_list_of_counterparts_is_one_meeting_each(lang, body, expected):
    assert expected <= by_surnames(doc(body, lang))


def test_meetings_during_a_visit_take_the_visits_date():
    ex = doc("On 11 April, Foreign Minister of Kazakhstan Murat Nurtleu will pay an official visit to Latvia. "
             "He is planning to meet with Foreign Minister of Latvia Anna Berzina and Prime Minister of Latvia Janis Ozols.",
             "en", date="2025-04-09")
    assert {("meeting", frozenset({"nurtleu", "berzina"}), dt.date(2025, 4, 11)),
            ("meeting", frozenset({"nurtleu", "ozols"}), dt.date(2025, 4, 11))} <= by_surnames(ex)


GUARDS = [
    # a meeting noun without "with": the persons after it are not its counterparts
    ("en", "During the meeting, President of Kazakhstan Kassym-Jomart Tokayev thanked Foreign Minister of Latvia "
           "Anna Berzina and Prime Minister of Latvia Janis Ozols."),
    # a named meeting of a series is no bilateral meeting
    ("ru", "На VII Консультативной встрече глав государств Центральной Азии Президент Казахстана Касым-Жомарт Токаев "
           "поблагодарил Президента Узбекистана Шавката Мирзиёева и Президента Киргизии Садыра Жапарова."),
]


@pytest.mark.parametrize("lang,body", GUARDS)
def test_no_counterpart_meetings_without_a_counterpart_list(lang, body):
    ex = doc(body, lang)
    assert not [m for m in ex.meetings if len({p.agent for p in m.participations}) == 2 and m.kind == "meeting"
                and not m.main]


def test_a_person_of_the_next_clause_is_no_counterpart():
    ex = doc("Foreign Minister of Kazakhstan Murat Nurtleu met with Foreign Minister of Latvia Anna Berzina and "
             "Prime Minister of Latvia Janis Ozols, after which President of Latvia Andris Berzins opened the forum.", "en")
    assert all("berzins" not in {surname(p.agent) for p in m.participations} for m in ex.meetings if m.kind == "meeting")


FRAMED = [
    # (language, body, kind of the frame event, its ordinal): a meeting with one counterpart inside another
    # event is a meeting of its own; the frame event has the subject as a participant
    ("en", "On the sidelines of the 79th session of the UN General Assembly, President of Kazakhstan Kassym-Jomart "
           "Tokayev met with Prime Minister of Latvia Janis Ozols.", "session", 79),
    ("ru", "В рамках 79-й сессии Генеральной Ассамблеи ООН Президент Казахстана Касым-Жомарт Токаев провел встречу с "
           "премьер-министром Латвии Янисом Озолсом.", "session", 79),
    ("kk", "Қазақстан Президенті Қасым-Жомарт Тоқаев БҰҰ Бас Ассамблеясының 79-шы сессиясы аясында Латвия "
           "Премьер-Министрі Янис Озолспен кездесу өткізді.", "session", 79),
]


@pytest.mark.parametrize("lang,body,kind,ordinal", FRAMED)
def test_a_meeting_inside_another_event_is_its_own_meeting(lang, body, kind, ordinal):
    ex = doc(body, lang)
    got = by_surnames(ex)
    assert any(k == "meeting" and persons == {"tokayev", "ozols"} for k, persons, _ in got)
    frame = next(m for m in ex.meetings if m.kind == kind)
    assert frame.ordinal == ordinal
    assert {surname(p.agent) for p in frame.participations} == {"tokayev"}  # not the counterpart


def test_a_frame_without_a_frame_cue_gets_no_participant_from_the_meeting():
    # the forum is only announced beside the phone call: its place and persons are not the call's
    ex = doc("During his telephone conversation with President of Latvia Andris Berzins, President of Kazakhstan "
             "Kassym-Jomart Tokayev said that the forum will be held in Astana.", "en")
    call = next(m for m in ex.meetings if m.kind == "phone-call")
    assert call.place is None


BODIES = [
    # the conference or forum whose session another head names is a body, not a second meeting
    ("en", "The 42nd session of the UNESCO General Conference opened in Paris on 7 November 2023.", "session", 42),
    ("ru", "7 ноября 2023 года в Париже открылась 42-я сессия Генеральной конференции ЮНЕСКО.", "session", 42),
    ("kk", "2023 жылғы 7 қарашада ЮНЕСКО Бас конференциясының 42-ші сессиясы ашылды.", "session", 42),
]


@pytest.mark.parametrize("lang,body,kind,ordinal", BODIES)
def test_the_body_of_a_session_is_no_meeting(lang, body, kind, ordinal):
    ex = doc(body, lang)
    assert [(m.kind, m.ordinal) for m in ex.meetings] == [(kind, ordinal)]


SEVERAL_IN_ONE_TEXT = [
    # a later sentence's meeting with a counterpart no earlier sentence named is another meeting
    ("en", "Foreign Minister of Kyrgyzstan Jeenbek Kulubaev had a telephone conversation with Foreign Minister of "
           "Latvia Anna Berzina. The parties discussed cooperation. Jeenbek Kulubaev also spoke by telephone with "
           "Foreign Minister of Georgia Levan Kapanadze.",
     {("phone-call", frozenset({"kulubaev", "kapanadze"}))}),
    ("ru", "Министр иностранных дел Киргизии Жээнбек Кулубаев провел телефонный разговор с министром иностранных дел "
           "Латвии Байбой Браже. Стороны обсудили сотрудничество. Жээнбек Кулубаев также провел телефонный разговор "
           "с министром иностранных дел Грузии Леваном Капанадзе.",
     {("phone-call", frozenset({"kulubaev", "kapanadze"}))}),
    ("kk", "Қырғызстан Сыртқы істер министрі Жээнбек Кулубаев Латвия Сыртқы істер министрі Байба Бражемен телефон "
           "арқылы сөйлесті. Тараптар ынтымақтастықты талқылады. Жээнбек Кулубаев сондай-ақ Грузия Сыртқы істер "
           "министрі Леван Капанадземен телефон арқылы сөйлесті.",
     {("phone-call", frozenset({"kulubaev", "kapanadze"}))}),
]


@pytest.mark.parametrize("lang,body,expected", SEVERAL_IN_ONE_TEXT)
def test_another_counterpart_later_is_another_meeting(lang, body, expected):
    ex = doc(body, lang)
    got = {(k, persons) for k, persons, _ in by_surnames(ex)}
    assert expected <= got
    first = next(m for m in ex.meetings if m.main)
    assert "kapanadze" not in {surname(p.agent) for p in first.participations}  # not the first call's


CREDENTIALS = [
    # (language, body, date): one ceremony with the receiver and every presenting ambassador named
    ("en", "On February 14-16, 2025, President of Latvia Andris Berzins received credentials from the Ambassador of "
           "Georgia Levan Kapanadze and the Ambassador of Belarus Ivan Petrovich.", dt.date(2025, 2, 14)),
    ("ru", "Президент Киргизии Садыр Жапаров 13 октября принял верительные грамоты от послов. Верительные грамоты "
           "вручили посол Грузии Леван Капанадзе и посол Белоруссии Иван Петрович.", dt.date(2025, 10, 13)),
    ("kk", "Қазақстанның Латвиядағы елшісі Мұрат Нұртілеу Латвия Президенті Андрис Берзинспен кездесіп, оған сенім "
           "грамотасын табыстады. Салтанатты рәсім 16 желтоқсанда өтті.", dt.date(2025, 12, 16)),
]


@pytest.mark.parametrize("lang,body,date", CREDENTIALS)
def test_a_presentation_of_credentials_is_one_ceremony(lang, body, date):
    ex = doc(body, lang, date="2025-12-20" if lang == "kk" else "2025-10-20")
    ceremonies = [m for m in ex.meetings if any(p.agent.endswith(("kapanadze", "nurtleu")) for p in m.participations)]
    assert len(ceremonies) == 1
    assert ceremonies[0].date == date
    assert len({p.agent for p in ceremonies[0].participations}) >= 2


def test_a_copy_of_credentials_handed_at_a_meeting_is_no_ceremony():
    ex = doc("25 апреля состоялась встреча министра иностранных дел Туркменистана Рашида Мередова с послом Грузии "
             "Леваном Капанадзе. В рамках встречи посол вручил министру копии своих верительных грамот.", "ru",
             date="2025-04-25")
    assert len(ex.meetings) == 1 and ex.meetings[0].kind == "meeting"


def test_the_persons_of_another_sentence_are_not_at_the_ceremony():
    ex = doc("President of Latvia Andris Berzins received credentials from the Ambassador of Georgia Levan Kapanadze. "
             "Earlier, Foreign Minister of Latvia Anna Berzina visited Tbilisi.", "en")
    ceremony = next(m for m in ex.meetings if any(p.agent.endswith("kapanadze") for p in m.participations))
    assert "berzina" not in {surname(p.agent) for p in ceremony.participations}


SIGNERS = [
    # signers within the summit the release reports take part in it: no meeting of their own
    ("en", "The 9th Consultative Meeting of the Heads of State of Central Asia was held in Tashkent on 15 November 2025. "
           "President of Kazakhstan Kassym-Jomart Tokayev and President of Uzbekistan Shavkat Mirziyoyev signed a treaty."),
    ("ru", "15 ноября 2025 года в Ташкенте прошла девятая Консультативная встреча глав государств Центральной Азии. "
           "Президент Казахстана Касым-Жомарт Токаев и президент Узбекистана Шавкат Мирзиёев подписали договор."),
    ("kk", "2025 жылғы 15 қарашада Ташкентте Орталық Азия мемлекеттері басшыларының тоғызыншы Консультативтік "
           "кездесуі өтті. Қазақстан Президенті Қасым-Жомарт Тоқаев пен Өзбекстан Президенті Шавкат Мирзиёев "
           "шартқа қол қойды."),
]


@pytest.mark.parametrize("lang,body", SIGNERS)
def test_signers_within_the_reported_summit_take_part_in_it(lang, body):
    ex = doc(body, lang)
    assert len(ex.meetings) == 1
    assert {"tokayev", "mirziyoyev"} <= {surname(p.agent) for p in ex.meetings[0].participations}


VERB_KINDS = [
    # "met with" is a meeting, "received" a reception
    ("en", "President of Kazakhstan Kassym-Jomart Tokayev met with Prime Minister of Latvia Janis Ozols.", "meeting"),
    ("en", "President of Kazakhstan Kassym-Jomart Tokayev received Prime Minister of Latvia Janis Ozols.", "reception"),
    ("ru", "Президент Казахстана Касым-Жомарт Токаев встретился с премьер-министром Латвии Янисом Озолсом.", "meeting"),
    ("ru", "Президент Казахстана Касым-Жомарт Токаев принял премьер-министра Латвии Яниса Озолса.", "reception"),
    ("kk", "Қазақстан Президенті Қасым-Жомарт Тоқаев Латвия Премьер-Министрі Янис Озолспен кездесті.", "meeting"),
    ("kk", "Қазақстан Президенті Қасым-Жомарт Тоқаев Латвия Премьер-Министрі Янис Озолсты қабылдады.", "reception"),
]


@pytest.mark.parametrize("lang,body,kind", VERB_KINDS)
def test_met_with_is_a_meeting_received_a_reception(lang, body, kind):
    assert [m.kind for m in doc(body, lang).meetings] == [kind]


REMENTIONED = [
    # "X received Y. The meeting took place on 7 March in Istanbul within the session of ...": one meeting, and
    # the session it took place in has the same date and place
    ("ru", "Министры иностранных дел стран ОТГ были приняты президентом Турции Реджепом Тайипом Эрдоганом. Встреча "
           "состоялась 7 марта в Стамбуле в рамках неформального заседания Совета министров иностранных дел ОТГ."),
    ("en", "President of Latvia Andris Berzins received Foreign Minister of Georgia Levan Kapanadze. The meeting took "
           "place on 7 March in Istanbul on the sidelines of the informal session of the Council of Foreign Ministers."),
]


@pytest.mark.parametrize("lang,body", REMENTIONED)
def test_a_reception_named_again_with_its_date_is_one_meeting(lang, body):
    ex = doc(body, lang, date="2025-03-09")
    kinds = sorted((m.kind, m.date, m.place) for m in ex.meetings)
    assert kinds == [("reception", dt.date(2025, 3, 7), "city/istanbul"), ("session", dt.date(2025, 3, 7), "city/istanbul")]


def test_a_city_after_an_abbreviation_is_the_place():
    ex = doc("30 июля 2025 года в г. Душанбе состоялась встреча министров иностранных дел Казахстана и Киргизии.", "ru")
    assert [m.place for m in ex.meetings] == ["city/dushanbe"]


TALKS_AND_MINISTERIAL = [
    # bilateral talks and a multilateral meeting in the same city are two meetings, not one named twice
    ("en", "Foreign Minister of Kazakhstan Murat Nurtleu held talks in Astana with Foreign Minister of Latvia Anna "
           "Berzina. The same day a ministerial meeting of the C5+1 format will be held in Astana."),
    ("ru", "Министр иностранных дел Казахстана Мурат Нуртлеу провел переговоры в Астане с министром иностранных дел "
           "Латвии Байбой Браже. В тот же день в Астане пройдет министерская встреча в формате С5+1."),
    ("kk", "Сыртқы істер министрі Мұрат Нұртілеу Астанада Латвия Сыртқы істер министрі Байба Бражемен келіссөздер "
           "өткізді. Сол күні Астанада С5+1 форматындағы министрлік кездесу өтеді."),
]


@pytest.mark.parametrize("lang,body", TALKS_AND_MINISTERIAL)
def test_talks_and_a_ministerial_meeting_in_one_city_are_two_meetings(lang, body):
    kinds = sorted(m.kind for m in doc(body, lang).meetings)
    assert kinds == ["meeting", "talks"]


SESSIONS_OF_A_BODY = [
    # (language, body): Kazakh names a lower-case session by the body or the posts in the genitive before it
    ("kk", "Бішкекте мемлекет басшыларының кезекті отырысы өтті."),
    ("kk", "Бішкекте өтіп жатқан ШЫҰ-ға мүше мемлекеттер басшыларының отырысында бес құжатқа қол қойылды."),
    ("kk", "Бішкекте ШЫҰ Сыртқы істер министрлері кеңесінің отырысы өтті."),
]


@pytest.mark.parametrize("lang,body", SESSIONS_OF_A_BODY)
def test_a_session_named_by_a_genitive_body_is_a_meeting(lang, body):
    ex = doc(body, lang)
    assert [(m.kind, m.place) for m in ex.meetings] == [("session", "city/bishkek")]


VISIT_DESTINATIONS = [
    # (language, body, city): the city a visit goes to, by its dative case, is where the visit's meetings are
    ("kk", "АСТАНА, 10 наурыз. Қасым-Жомарт Тоқаев Бішкекке мемлекеттік сапармен барды. Мемлекет басшылары "
           "келіссөздер жүргізді.", "city/bishkek"),
    ("kk", "Қасым-Жомарт Тоқаев Мәскеуге ресми сапармен барады. Сапар барысында екі елдің президенттері келіссөздер "
           "жүргізеді деп күтілуде.", "city/moscow"),
]


@pytest.mark.parametrize("lang,body,city", VISIT_DESTINATIONS)
def test_the_meetings_of_a_visit_are_in_its_destination(lang, body, city):
    ex = doc(body, lang)
    assert [(m.kind, m.place) for m in ex.meetings] == [("talks", city)]


FUTURE_PARTICIPATION = [
    # (language, body, ordinal, surname): "X will take part in the Nth meeting" names X among its participants
    ("kk", "Қазақстан Президенті Қасым-Жомарт Тоқаев Латвия Президенті Андрис Берзинспен кездесті. 12 наурызда "
           "Қасым-Жомарт Тоқаев Бішкекте өтетін Орталық Азия мемлекеттері басшыларының бесінші консультативтік "
           "кездесуіне қатысады.", 5, "tokayev"),
]


@pytest.mark.parametrize("lang,body,ordinal,name", FUTURE_PARTICIPATION)
def test_who_will_take_part_in_an_announced_meeting_is_its_participant(lang, body, ordinal, name):
    ex = doc(body, lang)
    announced = next(m for m in ex.meetings if m.ordinal == ordinal)
    assert {surname(p.agent) for p in announced.participations if not p.is_group} == {name}


VISIT_DATES = [
    # (language, body, date): a meeting with no date of its own, after a sentence that dates a visit, is on that date
    ("kk", "Латвия Сыртқы істер министрі Байба Браженің Қазақстанға ресми сапары 14 наурызға жоспарланған. Астанада "
           "болуы барысында Сыртқы істер министрі Мұрат Нұртілеу онымен келіссөздер өткізеді.", dt.date(2025, 3, 14)),
    ("ru", "Визит министра иностранных дел Латвии Байбы Браже в Казахстан запланирован на 14 марта. В Астане министр "
           "иностранных дел Казахстана Мурат Нуртлеу проведет с ней переговоры.", dt.date(2025, 3, 14)),
]


@pytest.mark.parametrize("lang,body,date", VISIT_DATES)
def test_an_undated_meeting_after_a_dated_visit_is_on_the_visits_date(lang, body, date):
    ex = doc(body, lang)
    assert [(m.kind, m.date) for m in ex.meetings] == [("talks", date)]


GATHERED = [
    # (language, body, city): "<posts> бас қосты" (the holders gathered) reports a meeting held, with its place
    ("kk", "Орталық Азия елдерінің сыртқы істер министрлері Бішкекте бас қосты. Жиында Сыртқы істер министрі Мұрат "
           "Нұртілеу сөз сөйледі.", "city/bishkek"),
]


@pytest.mark.parametrize("lang,body,city", GATHERED)
def test_holders_who_gathered_held_a_meeting(lang, body, city):
    ex = doc(body, lang)
    assert [(m.kind, m.place, m.date) for m in ex.meetings] == [("meeting", city, dt.date(2025, 3, 10))]


CYRILLIC_ROMAN = [
    # (language, body, ordinal): a Roman numeral typed with Cyrillic capitals (Х, І) is the meeting's number
    ("kk", "Президент Бішкекте Шанхай ынтымақтастық ұйымының ХІV саммитіне қатысты.", 14),
    ("ru", "Президент принял участие в ХІ саммите Шанхайской организации сотрудничества в Бишкеке.", 11),
]


@pytest.mark.parametrize("lang,body,ordinal", CYRILLIC_ROMAN)
def test_a_roman_numeral_in_cyrillic_letters_is_the_ordinal(lang, body, ordinal):
    assert [(m.kind, m.ordinal) for m in doc(body, lang).meetings] == [("summit", ordinal)]


ROUNDS = [
    # (language, body, kind, ordinal): "<meeting>-ның N-ші раунды": the meeting in the genitive, then its round's number
    ("kk", "Астанада Қазақстан мен Латвия арасындағы саяси консультациялардың үшінші раунды өтті.", "consultations", 3),
    ("kk", "Бішкекте екі елдің сыртқы істер министрліктері арасындағы келіссөздердің 4-ші раунды өтті.", "talks", 4),
    # no ordinal: an article between the number and the meeting, or a comma after the number (a point counted)
    ("en", "For the first time the summit of the Organization of Turkic States was held in Budapest.", "summit", None),
    ("en", "Third, an International Conference on Water will be convened in Dushanbe.", "conference", None),
    ("en", "The Third International Conference on Water will be convened in Dushanbe.", "conference", 3),
]


@pytest.mark.parametrize("lang,body,kind,ordinal", ROUNDS)
def test_a_rounds_number_is_its_ordinal_and_a_number_of_another_noun_is_none(lang, body, kind, ordinal):
    assert [(m.kind, m.ordinal) for m in doc(body, lang).meetings] == [(kind, ordinal)]


CITY_WORD = [
    # (language, body, city): the word 'city' in the locative after a city's name gives the place ("X қаласында")
    ("kk", "Түркі мемлекеттері ұйымының кезекті саммиті Бішкек қаласында өтті.", "city/bishkek"),
    ("kk", "Мәскеу қаласында Орталық Азия мемлекеттері басшыларының бесінші консультативтік кездесуі өтті.", "city/moscow"),
    # the city as the subject of a host verb
    ("en", "On 3 June, Baku hosted the seventh round of political consultations between Azerbaijan and Latvia.", "city/baku"),
    ("en", "On 3 June 2025, Bishkek, hosted the Second Ministerial Meeting of the Dialogue.", "city/bishkek"),
]


@pytest.mark.parametrize("lang,body,city", CITY_WORD)
def test_a_city_named_with_the_word_city_or_hosting_is_the_place(lang, body, city):
    assert [m.place for m in doc(body, lang).meetings] == [city]

CAPITAL_APPOSITION = [
    # (language, body, place): a city in apposition to "the capital (of X)" is the place the preposition gives
    ("ru", "Президент Казахстана Касым-Жомарт Токаев выступил на саммите «Центральная Азия – Китай» в столице "
           "Кыргызстана Бишкеке.", "city/bishkek"),
    ("ru", "Министр иностранных дел Казахстана Мурат Нуртлеу провел переговоры с министром иностранных дел Таджикистана "
           "Сироджиддином Мухриддином в столице Таджикистана, Душанбе.", "city/dushanbe"),
    ("en", "President Tokayev spoke at the summit of the Organization of Turkic States in the capital of Kyrgyzstan, "
           "Bishkek.", "city/bishkek"),
    ("en", "President Tokayev spoke at the summit of the Organization of Turkic States in the Kyrgyz capital Bishkek.",
     "city/bishkek"),
]


@pytest.mark.parametrize("lang,body,place", CAPITAL_APPOSITION)
def test_a_city_in_apposition_to_a_capital_is_the_place(lang, body, place):
    assert [m.place for m in doc(body, lang).meetings] == [place]


OCCURRENCE_PLACE = [
    # (language, body, {(kind, place)}): the place a verb of occurrence gives is its subject's, not that of the
    # meeting named nearer it ("... took place in X on the eve of the session", "в X в ходе заседания состоялись переговоры")
    ("en", "The meeting of Foreign Minister Murat Nurtleu with Foreign Minister Jeenbek Kulubaev took place in "
           "Cholpon-Ata on the eve of the session of the CSTO Council of Foreign Ministers.",
     {("meeting", "city/cholpon-ata"), ("session", None)}),
    ("ru", "Переговоры министра иностранных дел Казахстана Мурата Нуртлеу с министром иностранных дел Киргизии "
           "Жээнбеком Кулубаевым прошли в Бишкеке накануне заседания Совета министров иностранных дел СНГ.",
     {("talks", "city/bishkek"), ("session", None)}),
    ("ru", "12 мая в Ташкенте в ходе участия министра иностранных дел Казахстана Мурата Нуртлеу в заседании СМИД СНГ "
           "состоялись его переговоры с министром иностранных дел Киргизии Жээнбеком Кулубаевым.",
     {("talks", "city/tashkent"), ("session", None)}),
    # coordinated subjects share the verb's place
    ("en", "The fifth summit of the Organization of Turkic States and the second Forum of Turkic Universities will be "
           "held in Baku next month.", {("summit", "city/baku"), ("forum", "city/baku")}),
]


@pytest.mark.parametrize("lang,body,expected", OCCURRENCE_PLACE)
def test_the_place_of_a_verb_of_occurrence_is_its_subjects(lang, body, expected):
    assert {(m.kind, m.place) for m in doc(body, lang).meetings} == expected


def test_the_frame_of_pairs_is_where_the_sentence_puts_them_not_at_the_dateline():
    # the dateline names where the release was written; the session the talks were held within is where they were
    ex = doc("Бишкек, 13 мая.\n12 мая в Ташкенте в рамках участия министра иностранных дел Киргизии Жээнбека Кулубаева "
             "в работе заседания СМИД СНГ состоялись его переговоры с министром иностранных дел Казахстана Муратом "
             "Нуртлеу.", "ru")
    assert {(m.kind, m.place) for m in ex.meetings} == {("talks", "city/tashkent"), ("session", "city/tashkent")}


WEEKDAY_DATES = [
    # (language, body, date): "во вторник", "on Friday" is that weekday of the document's week (2025-03-10 is a
    # Monday): the last one on or before its date, or the next one where the sentence announces the meeting
    ("ru", "Президент Казахстана Касым-Жомарт Токаев во вторник провел переговоры с президентом Киргизии Садыром "
           "Жапаровым.", dt.date(2025, 3, 4)),
    ("en", "President of Kazakhstan Kassym-Jomart Tokayev held talks with President of Kyrgyzstan Sadyr Japarov on "
           "Friday.", dt.date(2025, 3, 7)),
    ("en", "President of Kazakhstan Kassym-Jomart Tokayev will hold talks with President of Kyrgyzstan Sadyr Japarov "
           "on Thursday.", dt.date(2025, 3, 13)),
]


@pytest.mark.parametrize("lang,body,date", WEEKDAY_DATES)
def test_a_weekday_is_a_day_of_the_documents_week(lang, body, date):
    assert [m.date for m in doc(body, lang).meetings] == [date]


SUBJECT_FROM_THE_LEAD = [
    # (language, body): a sentence listing counterparts without a subject takes the release's first person,
    # named in an earlier and longer sentence; that person's evidence is in the sentence that names them
    ("ru", "В ходе официального рабочего визита в столицу Кыргызской Республики, который готовился несколько "
           "месяцев обоими министерствами, министр иностранных дел Казахстана Мурат Нуртлеу посетил Бишкек. "
           "Состоялись встречи с Жээнбеком Кулубаевым и Садыром Жапаровым."),
]


@pytest.mark.parametrize("lang,body", SUBJECT_FROM_THE_LEAD)
def test_a_protagonist_named_in_an_earlier_sentence_is_cited_where_named(lang, body):
    ex = doc(body, lang)
    sentences = {s.index: s for s in ex.doc.sentences}
    cited = [p for m in ex.meetings for p in m.participations if not p.is_group]
    assert {surname(p.agent) for p in cited} >= {"nurtleu", "kulubaev", "japarov"}
    for p in cited:
        s = sentences[p.evidence.sentence]
        assert s.start <= p.evidence.start < p.evidence.end <= s.end
        assert ex.doc.text[p.evidence.start:p.evidence.end].split()[-1][:4] in {"Нурт", "Кулу", "Жапа"}


WHO_TAKES_PART = [
    # (language, body, surnames taking part in the sentence's meetings)
    # "Бұл туралы X айтты" tells the news of the sentence before: X reports it and takes no part
    ("kk", "Ертең Ташкентте Қазақстан Сыртқы істер министрі Мұрат Нұртілеу мен Өзбекстан Сыртқы істер министрі "
           "Бахтиёр Саидов кездесуі өтеді. Бұл туралы ҚР СІМ ресми өкілі Айбек Смадияров апталық брифингте мәлім етті.",
     {"nurtleu", "saidov"}),
    ("kk", "Бүгін Бішкекте Қазақстан Президенті Қасым-Жомарт Тоқаев пен Қырғызстан Президенті Садыр Жапаров "
           "кездесті. Бұл туралы Ақорданың баспасөз хатшысы Руслан Желдібай хабарлады.",
     {"tokayev", "japarov"}),
    # "X-тың төрағалығымен": under X's chairmanship; the genitive names the chair, who takes part
    ("kk", "5 желтоқсанда Бакуде Қазақстан Республикасы Сыртқы істер министрі Мұрат Нұртілеудің төрағалығымен "
           "Ислам ынтымақтастығы ұйымы Атқарушы комитетінің отырысы өтеді.", {"nurtleu"}),
    ("kk", "Кеше Астанада Қазақстан Премьер-Министрі Олжас Бектеновтың төрағалығымен ЕАЭО үкімет басшыларының "
           "кеңесінің отырысы өтті.", {"bektenov"}),
    # "... кеңеске қатысу үшін Ошқа аттанды": left to attend another event, not the release's call; "қатысты"
    # without a purpose ("мәселелеріне қатысты": regarding) is no such departure
    ("kk", "Қазақстан Сыртқы істер министрі Мұрат Нұртілеу Қырғызстан Сыртқы істер министрі Жээнбек Кулубаевпен "
           "телефон арқылы сөйлесті. Қырғызстан Премьер-Министрі Адылбек Қасымалиев сапарын тоқтатып, кеңеске "
           "қатысу үшін Ошқа аттанды.", {"nurtleu", "kulubaev"}),
    ("kk", "Астанада Қазақстан Сыртқы істер министрі Мұрат Нұртілеу Өзбекстан Сыртқы істер министрі Бахтиёр "
           "Саидовпен кездесті. Бахтиёр Саидов су ресурстары мәселелеріне қатысты көзқарасымен бөлісті.",
     {"nurtleu", "saidov"}),
    # "X бастаған түркі елі": the state X leads, named in a speech, not X at the summit; a delegation X leads is X's
    ("kk", "Бүгін Бакуде Түркі мемлекеттері ұйымының саммиті өтті. Қазақстан Президенті Қасым-Жомарт Тоқаев "
           "саммитте сөз сөйлеп, Президент Шавкат Мирзиёев бастаған өзбек елі тиімді төрағалық еткенін айтты.",
     {"tokayev"}),
    ("kk", "Бүгін Бакуде Түркі мемлекеттері ұйымының саммиті өтті. Саммитке Президент Шавкат Мирзиёев бастаған "
           "Өзбекстан делегациясы қатысты.", {"mirziyoyev"}),
]


@pytest.mark.parametrize("lang,body,persons", WHO_TAKES_PART)
def test_who_tells_the_news_or_leaves_for_another_event_takes_no_part_and_the_chair_does(lang, body, persons):
    ex = doc(body, lang)
    assert {surname(p.agent) for m in ex.meetings for p in m.participations if not p.is_group} == persons


def test_the_titles_announced_gathering_is_the_bodys_dated_session():
    # the title names the event by the generic "жиын"; the body gives it a kind, a date and a place: one event
    ex = doc("Астана. 2 наурыз. 20 наурызда Бакуде Ислам ынтымақтастығы ұйымы Сыртқы істер министрлері кеңесінің "
             "отырысы өтеді. Отырыс барысында өңірдегі ахуал талқыланады.", "kk",
             title="Нұртілеудің төрағалығымен өтетін халықаралық жиында өңірдегі ахуал талқыланбақ")
    assert [(m.kind, m.date, m.place) for m in ex.meetings] == [("session", dt.date(2025, 3, 20), "city/baku")]


VISIT_ENCOUNTERS = [
    # (language, body, {(kind, surnames, date)}): the greeters at the airport receive the guest ("күтіп алды");
    # "X Y-мен де кездеседі деп жоспарлануда": one more meeting, announced, so undated
    ("kk", "Бүгін Өзбекстан Сыртқы істер министрі Бахтиёр Саидов Бішкекке келді. Оны әуежайдан Қырғызстан Сыртқы "
           "істер министрі Жээнбек Кулубаев пен Қырғызстан Министрлер Кабинеті Төрағасының орынбасары Эдил Байсалов күтіп алды. Сапар "
           "барысында Бахтиёр Саидов Қырғызстан Президенті Садыр Жапаровпен келіссөздер жүргізеді деп күтілуде. Бұдан "
           "бөлек Бахтиёр Саидов Қырғызстан Премьер-Министрі Адылбек Қасымалиевпен де кездеседі деп жоспарлануда.",
     {("reception", frozenset({"saidov", "baysalov", "kulubaev"}), dt.date(2025, 3, 10)),
      ("talks", frozenset({"saidov", "japarov"}), None),
      ("meeting", frozenset({"saidov", "kasymaliev"}), None)}),
]


@pytest.mark.parametrize("lang,body,expected", VISIT_ENCOUNTERS)
def test_an_airport_welcome_and_an_announced_meeting_with_another_counterpart(lang, body, expected):
    assert expected <= by_surnames(doc(body, lang))


def test_a_meeting_recalled_twice_is_one_with_the_persons_who_met_there():
    # "бұған дейін" (before this) recalls an earlier meeting; "кездесуден кейін" (after the meeting) names it again
    ex = doc("Бүгін Қазақстан Сыртқы істер министрі Мұрат Нұртілеу Ташкентке келді. Ол Өзбекстан Сыртқы істер министрі "
             "Бахтиёр Саидовпен келіссөздер жүргізеді. Айта кетейік, Нұртілеу мен Саидов бұған дейін Әзербайжандағы "
             "жиында жолыққан еді. Бакудегі кездесуден кейін екі ел жол картасын қабылдаған болатын.", "kk")
    recalled = [m for m in ex.meetings if m.place == "city/baku"]
    assert len(recalled) == 1 and {surname(p.agent) for p in recalled[0].participations} == {"nurtleu", "saidov"}


def test_who_has_arrived_is_not_shown_at_a_summit_still_announced():
    # the release announces a summit; its other sentences tell of a minister who arrived today
    ex = doc("Әзербайжан Сыртқы істер министрі Жейхун Байрамов бүгін Астанаға келді. Биыл 5 қарашада Түркі "
             "мемлекеттері ұйымының саммиті Бакуде өтеді.", "kk")
    summit = next(m for m in ex.meetings if m.kind == "summit")
    assert not [p for p in summit.participations if not p.is_group]


def test_the_date_and_tense_of_quoted_speech_are_not_the_meeting_after_which_it_was_said():
    # '"... the summit planned for 3 November ...," said X after the meeting with Y': X and Y met on the day
    # the release reports (its date), not on the quoted date
    ex = doc('"Биыл 3 қарашада жоспарланған саммитке дайындықты талқыладық", - деді Мұрат Нұртілеу Әзербайжан '
             'Сыртқы істер министрі Жейхун Байрамовпен өткен кездесуден кейін.', "kk", date="2025-09-11")
    met = [m for m in ex.meetings if {surname(p.agent) for p in m.participations} == {"nurtleu", "bayramov"}]
    assert [m.date for m in met] == [dt.date(2025, 9, 11)]


def test_the_hosts_of_a_visit_hold_their_posts_in_the_country_visited():
    # a ministerial post with no country, at the guest's welcome in Astana: Kazakhstan's
    ex = doc("Бүгін Өзбекстан Сыртқы істер министрі Бахтиёр Саидов Астанаға келді. Оны әуежайдан Сыртқы істер "
             "министрінің орынбасары Ерлан Бекмұратов пен Премьер-министрдің орынбасары Роман Скляр күтіп алды.", "kk")
    held = {(surname(p.agent), p.holding.affiliation) for m in ex.meetings for p in m.participations if p.holding}
    assert {("bekmuratov", "country/kz"), ("sklyar", "country/kz"), ("saidov", "country/uz")} <= held


def test_coordinated_clauses_each_name_their_own_meeting_and_a_format_meeting_is_its_own():
    # "A B-ны қабылдайды және C келіссөздер өткізеді": an announced reception (A) and talks (C), each with the
    # persons of its own clause, on the visit's date; "С5+1 форматындағы кездесу" in the same city is a third event
    ex = doc("Латвия Сыртқы істер министрі Эдгарс Ринкевичтің Қазақстанға сапары 5 сәуірге жоспарланған. Астанада болуы "
             "барысында министрді Қазақстан Президенті Қасым-Жомарт Тоқаев қабылдайды және Қазақстан Сыртқы істер "
             "министрі Мұрат Нұртілеу екіжақты келіссөздер өткізеді. Сол күні Астанада Орталық Азия елдері "
             "министрлерінің қатысуымен С5+1 форматындағы министрлік кездесу өтеді.", "kk", date="2025-04-01")
    assert {("reception", frozenset({"tokayev"}), dt.date(2025, 4, 5)),
            ("talks", frozenset({"nurtleu"}), dt.date(2025, 4, 5))} <= by_surnames(ex)
    assert len([m for m in ex.meetings if m.place == "city/astana"]) == 3


def test_a_bare_post_resolved_to_its_holder_takes_part_as_that_person():
    # "Бас хатшыны ... қабылдайды": the Secretary-General the text names before (only as a possessor) is received
    ex = doc("БҰҰ Бас хатшысы Антониу Гутерриштің Қазақстанға сапары 2 мамырға жоспарланған. Астанада болуы барысында "
             "Бас хатшыны Қазақстан Президенті Қасым-Жомарт Тоқаев қабылдайды және Қазақстан Сыртқы істер министрі "
             "Мұрат Нұртілеу келіссөздер өткізеді.", "kk", date="2024-05-01", title="БҰҰ Бас хатшысы Астанаға келеді")
    reception = next(m for m in ex.meetings if m.kind == "reception")
    assert {surname(p.agent) for p in reception.participations} == {"tokayev", "guterres"}


def test_the_dateline_opens_the_text_below_a_subhead():
    # a first line with no full stop is a subhead: the dateline opens the paragraph under it
    ex = doc("Бүгін Бішкекке Латвия Сыртқы істер министрі Эдгарс Ринкевич келді\nБІШКЕК, 10 наурыз. Қырғызстан Сыртқы "
             "істер министрі Жээнбек Кулубаев Латвия Сыртқы істер министрі Эдгарс Ринкевичпен кездесті.", "kk")
    assert [(m.place, m.date) for m in ex.meetings] == [("city/bishkek", dt.date(2025, 3, 10))]



WHO_IS_THERE = [
    # (language, body, surnames taking part in one meeting, surnames in none)
    # a post without a name receives a named guest: the document names the post's holder
    ("en", "The President of Kazakhstan received the Minister of Foreign Affairs of Georgia Levan Kapanadze, who arrived "
           "in Astana on a working visit. Kassym-Jomart Tokayev noted the growth of trade.", {"tokayev", "kapanadze"}, set()),
    ("en", "The Head of State received Levan Kapanadze, Minister of Foreign Affairs of Georgia. Later Kassym-Jomart "
           "Tokayev thanked the guest.", {"tokayev", "kapanadze"}, set()),
    # a message passed to someone: addressed, not present
    ("en", "President Kassym-Jomart Tokayev received the Minister of Foreign Affairs of Georgia Levan Kapanadze. The "
           "guest conveyed warm greetings to the President of Georgia Irakli Beridze.", {"tokayev", "kapanadze"}, {"beridze"}),
    ("en", "Foreign Minister of Kazakhstan Aidos Serikov held talks with Foreign Minister of Georgia Levan Kapanadze. "
           "He extended an invitation to visit Tbilisi and passed on best wishes to Prime Minister Nodar Gelashvili "
           "and to Speaker Tamar Abashidze.", {"serikov", "kapanadze"}, {"gelashvili", "abashidze"}),
    # "meet ... with" past a place and a day; a spokesperson speaks of the meeting, not at it
    ("en", "Foreign Minister of Kazakhstan Aidos Serikov will meet in Astana on Monday with Foreign Minister of Georgia "
           "Levan Kapanadze. Ministry spokesperson Dana Ermekova said the ministers will discuss trade.",
     {"serikov", "kapanadze"}, {"ermekova"}),
    # persons spoken of in a quoted speech, in a sentence naming no meeting, are not there
    ("en", "Foreign Minister of Kazakhstan Aidos Serikov held talks with Foreign Minister of Georgia Levan Kapanadze. "
           "“President Kassym-Jomart Tokayev pays special attention to our friendship. And trade keeps growing”, "
           "said Aidos Serikov.", {"serikov", "kapanadze"}, {"tokayev"}),
    # a call dated before the release was held: who invites the other in it takes part
    ("en", "Foreign Minister of Kazakhstan Aidos Serikov invited Foreign Minister of Georgia Levan Kapanadze to visit "
           "Astana. The minister said this during a telephone conversation with his colleague on March 7.",
     {"serikov", "kapanadze"}, set()),
]


def test_a_dateline_cut_off_as_a_sentence_leaves_the_lead_after_it_naming_the_titles_meeting():
    ex = doc("TBILISI, March 10. /Agency/. Foreign Minister of Kazakhstan Aidos Serikov will meet in Tbilisi on Monday "
             "with Foreign Minister of Georgia Levan Kapanadze.", "en",
             title="Foreign Minister of Kazakhstan Aidos Serikov will meet in Tbilisi with Levan Kapanadze")
    assert [(m.kind, m.place) for m in ex.meetings] == [("meeting", "city/tbilisi")]


@pytest.mark.parametrize("lang,body,present,absent", WHO_IS_THERE)
def test_a_bare_post_is_its_holder_and_an_addressee_is_not_there(lang, body, present, absent):
    taking_part = [{surname(p.agent) for p in m.participations} for m in doc(body, lang).meetings]
    assert taking_part
    assert any(present <= persons for persons in taking_part)
    assert not any(absent & persons for persons in taking_part)


def test_a_date_ending_a_sentence_stays_with_its_meeting_not_the_next_sentences():
    ex = doc("Aidos Serikov had a telephone conversation with Foreign Minister of Georgia Levan Kapanadze on March 7. "
             "As planned, the fifth summit of the Organization of Turkic States will be held in Astana in the coming "
             "days.", "en", date="2025-03-08")
    assert {(m.kind, m.date) for m in ex.meetings} == {("phone-call", dt.date(2025, 3, 7)), ("summit", None)}


def test_a_numbered_meeting_held_today_and_one_to_be_held_in_the_same_sentence_are_two():
    ex = doc("The ministers discussed the results of the Third Ministerial Meeting of the Caspian States held today, as "
             "well as preparations for the ministerial meeting in the format \"Central Asia - Japan\" to be held in "
             "Bishkek on May 20, 2025.", "en", date="2025-03-10")
    assert {(m.ordinal, m.date, m.place) for m in ex.meetings} == {
        (3, dt.date(2025, 3, 10), None), (None, dt.date(2025, 5, 20), "city/bishkek")}


def test_a_title_naming_no_meeting_gives_no_one_to_a_conference_only_announced():
    ex = doc("The UN General Assembly adopted the resolution yesterday. An International Conference on Water will be "
             "convened in Dushanbe next year.", "en",
             title="President Davlat Saidov congratulates compatriots on the adoption of the resolution")
    assert [m.kind for m in ex.meetings] == ["conference"]
    assert not [p.agent for m in ex.meetings for p in m.participations]
