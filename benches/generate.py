#!/usr/bin/env python3
"""Writes a synthetic, nationwide onderdak site for benchmarks (python3, stdlib only).

The site folder gets content/ (site.yaml, i18n, the question flow, national lines and
explainer pages copied from the repo; synthetic regions, municipalities and services) and a
`themes` symlink to the repo's themes/ folder, like tests/fixtures/good.

    python3 benches/generate.py --out /tmp/nl-site                    # nationwide: 342 / 35
    python3 benches/generate.py --out /tmp/s10k --preset 10k          # about 10,000 pages
    python3 benches/generate.py --out /tmp/s2k --preset 2k --onderdak target/release/onderdak

Everything is deterministic for a given --seed: names, texts and facts come from seeded
random generators (one per region and municipality). Names, phone numbers, addresses and
web sites are made up (example domains); the `source` field says so.

The page count is estimated from the plan rules in src/plan.rs as of commit b574af7 (2 +
per language: home, regions and their changes pages, municipalities and their flyers,
services and their flyers, explainer index, offline, search, explainers, and the question
flow once without and once per municipality). With --onderdak BIN the site is also checked
and built and the build's own count ("built N pages") is printed: that one is authoritative.
The presets were sized with that plan: 10k gives about 10,100 pages, 2k about 1,900.
"""

import argparse
import datetime
import json
import os
import random
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ALL_LANGUAGES = ["nl", "en", "pl", "ro", "uk", "ar", "tr"]

PRESETS = {
    # name: (municipalities, regions, services per municipality, regional services)
    "full": (342, 35, 30, 4),
    "10k": (13, 3, 30, 4),
    "2k": (2, 1, 30, 4),
}

SITE_TITLES = {
    "nl": "Waar kan ik terecht?",
    "en": "Where can I go?",
    "pl": "Gdzie mogę uzyskać pomoc?",
    "ro": "Unde pot găsi ajutor?",
    "uk": "Куди я можу звернутися?",
    "ar": "أين أجد المساعدة؟",
    "tr": "Nereden yardım alabilirim?",
}
LANGUAGE_META = {  # for a language whose i18n file the repo lacks: name in itself, direction
    "nl": ("Nederlands", "ltr"), "en": ("English", "ltr"), "pl": ("Polski", "ltr"),
    "ro": ("Română", "ltr"), "uk": ("Українська", "ltr"), "ar": ("العربية", "rtl"),
    "tr": ("Türkçe", "ltr"), "de": ("Deutsch", "ltr"), "fr": ("Français", "ltr"),
    "so": ("Soomaali", "ltr"), "ti": ("ትግርኛ", "ltr"), "fa": ("فارسی", "rtl"),
}

# --------------------------------------------------------------------------------------
# Names

NAME_START = [
    "Aal", "Aar", "Ab", "Al", "Am", "Ap", "Ar", "As", "Baar", "Bar", "Bed", "Beek", "Bel",
    "Ber", "Bies", "Blok", "Bor", "Bos", "Bre", "Brug", "Bun", "Cas", "Dal", "Del", "Dier",
    "Doe", "Dor", "Dren", "Dui", "Ede", "Eem", "Eind", "El", "Em", "En", "Er", "Fle",
    "Gaas", "Gel", "Gie", "Goe", "Gor", "Gra", "Gro", "Haar", "Hal", "Har", "Has", "Hee",
    "Hel", "Hem", "Her", "Hil", "Hoog", "Hol", "Hoorn", "Hul", "IJs", "Kam", "Kat", "Ker",
    "Klaas", "Kol", "Kort", "Laar", "Lan", "Lee", "Lei", "Lich", "Lin", "Lo", "Maar",
    "Mar", "Mep", "Mid", "Mol", "Mun", "Naal", "Nij", "Noor", "Olde", "Om", "Oos", "Op",
    "Os", "Pur", "Put", "Raal", "Ren", "Rhe", "Ros", "Ruur", "Schaar", "Scher", "Sle",
    "Sne", "Son", "Sta", "Steen", "Stein", "Ter", "Tex", "Til", "Ub", "Ulf", "Ur", "Val",
    "Veen", "Vel", "Ven", "Vlie", "Voor", "Waal", "Wad", "Wa", "Wer", "Wes", "Wie", "Win",
    "Woer", "Wol", "Zaan", "Zand", "Zee", "Zel", "Zeven", "Zoe", "Zut", "Zwaag", "Zwam",
]
NAME_MIDDLE = ["", "", "", "", "e", "er", "en", "el", "ter", "ke", "ste", "ne"]
NAME_END = [
    "beek", "berg", "broek", "burg", "dam", "donk", "dorp", "drecht", "gaast", "geest",
    "haven", "heide", "holt", "horst", "hout", "hoven", "huizen", "ingen", "kamp", "kerk",
    "land", "lo", "loo", "meer", "mond", "oord", "rade", "recht", "rode", "schoten", "sloot",
    "stede", "sum", "um", "veen", "veld", "voort", "waard", "weerd", "wijk", "woude",
    "zande", "zijl", "zoom",
]
NAME_PREFIX = ["Nieuw-", "Oud-", "Sint-", "Groot-", "Klein-", "Noord-", "Zuid-", "Oost-", "West-"]
NAME_SUFFIX = [" aan Zee", " aan de Vliet", " aan de Maas", " en Vaart", " aan den IJssel",
               " en Veld", " ter Aa"]

STREETS = [
    "Kerkstraat", "Stationsweg", "Dorpsstraat", "Molenweg", "Schoolstraat", "Marktplein",
    "Havenkade", "Julianastraat", "Beatrixlaan", "Nieuwstraat", "Raadhuisplein", "Brink",
    "Wilhelminalaan", "Emmastraat", "Prins Hendrikkade", "Oranjelaan", "Parkweg",
    "Lindenlaan", "Zuiderhaven", "Noordsingel", "Achterom", "Burgemeester de Vriesstraat",
]
DISTRICTS = [
    "centrum", "noord", "zuid", "oost", "west", "de-hoven", "de-weide", "het-veld",
    "de-haven", "de-akkers", "buitenwijk", "oude-stad", "de-brink", "stationsbuurt",
    "de-molen", "de-vaart", "de-horst", "het-broek", "de-kamp", "de-dijk",
]
AREA_CODES = ["010", "013", "015", "020", "023", "024", "026", "030", "033", "035", "036",
              "038", "040", "043", "045", "046", "050", "053", "055", "058", "070", "071",
              "072", "073", "074", "075", "076", "077", "078", "079"]


def slugify(name):
    s = re.sub(r"[^a-z0-9]+", "-", name.lower())
    return s.strip("-")


def make_name(rng):
    base = rng.choice(NAME_START) + rng.choice(NAME_MIDDLE) + rng.choice(NAME_END)
    base = base[0] + base[1:].lower() if not base.startswith("IJ") else "IJ" + base[2:].lower()
    r = rng.random()
    if r < 0.12:
        return rng.choice(NAME_PREFIX) + base
    if r < 0.18:
        return base + rng.choice(NAME_SUFFIX)
    return base


# --------------------------------------------------------------------------------------
# Text: sentences from lists of real words, per language

NL = {
    "subj": ["De medewerker", "Het wijkteam", "De gemeente", "Je begeleider", "Een schuldhulpverlener",
             "De consulent", "Een maatschappelijk werker", "Het team", "Een vrijwilliger",
             "De woonbegeleider", "Een ervaringsdeskundige", "De casemanager", "Het loket",
             "De hulpverlener", "Een jongerenwerker"],
    "verb_met": ["helpt je met", "denkt mee over", "praat met je over", "kijkt samen met jou naar",
                 "regelt samen met jou", "zoekt een oplossing voor", "maakt een plan voor",
                 "geeft advies over", "begeleidt je bij", "ondersteunt je bij"],
    "obj": ["je huurachterstand", "je schulden", "een postadres", "een uitkering", "een slaapplek voor vannacht",
            "een eigen woning", "je zorgverzekering", "brieven van de deurwaarder", "je energierekening",
            "een betalingsregeling", "je inkomen", "een plek in de opvang", "de aanvraag voor bijzondere bijstand",
            "een kamer met begeleiding", "je ID-bewijs", "de gesprekken met je verhuurder",
            "je dagbesteding", "je papieren", "een budgetplan", "de toeslagen", "een woonplek na de kliniek",
            "een huis na de gevangenis", "hulp bij verslaving", "je administratie", "de eerste stap"],
    "time": ["Op werkdagen", "Elke ochtend", "In het weekend", "Binnen drie werkdagen", "Na je aanmelding",
             "Meestal binnen een week", "Bij het eerste gesprek", "Na een paar weken", "Tijdens het spreekuur",
             "Als het vriest", "'s Avonds", "Vandaag nog"],
    "can": ["kun je zonder afspraak binnenlopen", "krijg je een vaste contactpersoon", "maken we samen een plan",
            "bellen we je terug", "kijken we wat je nodig hebt", "kun je een douche nemen en eten",
            "krijg je een brief met de afspraken", "is er koffie en iemand om mee te praten",
            "kun je je post ophalen", "bespreken we je situatie", "krijg je uitleg over je rechten",
            "zoeken we samen naar een woonplek"],
    "mod": ["als het kan", "zonder wachtlijst", "in de buurt", "samen met jou", "gratis", "in vertrouwen",
            "stap voor stap", "op een rustige plek", "ook in het weekend", "zo snel mogelijk",
            "in je eigen tempo", "in de regio"],
    "bring": ["je ID-bewijs", "je laatste loonstrook", "de brieven van je verhuurder", "een overzicht van je schulden",
              "je bankafschriften", "je zorgpas", "je huurcontract", "je medicijnen", "je telefoon",
              "de brief van de deurwaarder"],
    "result": ["voorkom je dat je je huis kwijtraakt", "houd je overzicht over je geld",
               "hoef je niet buiten te slapen", "krijg je weer rust", "weet je waar je aan toe bent",
               "kun je verder met je leven", "blijft je huur betaald", "kom je sneller aan een woning",
               "sta je er niet alleen voor", "worden je schulden niet groter"],
    "need_q": ["Heb je {obj} nodig?", "Maak je je zorgen over {obj}?", "Lukt het niet meer met {obj}?",
               "Wil je hulp bij {obj}?", "Heb je vragen over {obj}?"],
    "templates": [
        "{subj} {verb_met} {obj}.",
        "{subj} {verb_met} {obj}, {mod}.",
        "{need_q} {subj} {verb_met} {obj}.",
        "{time} {can}.",
        "{time} {can}, {mod}.",
        "Neem als het kan {bring} mee.",
        "Zo {result}.",
        "Wacht niet te lang: hoe eerder je hulp vraagt, hoe meer er kan.",
        "Je hoeft je niet te schamen. Veel mensen vragen hulp bij {obj}.",
        "{subj} {verb_met} {obj}. Zo {result}.",
        "Elke gemeente moet je eerst opvang geven; daarna kijken ze samen met jou verder.",
        "Spreek je geen Nederlands? Vraag om een tolk. Dat is gratis.",
    ],
    "h_who": "**Voor wie?**", "h_how": "**Hoe kom je binnen?**", "h_what": "## Wat kun je verwachten?",
    "h_after": "## Wat gebeurt er daarna?", "site": "website", "call": "Bel",
    "more": "Lees ook [wat Wonen Eerst is](/nl/uitleg/wonen-eerst/).",
}

EN = {
    "subj": ["The staff member", "The neighbourhood team", "The municipality", "Your support worker",
             "A debt counsellor", "The consultant", "A social worker", "The team", "A volunteer",
             "The housing support worker", "A peer expert", "The case manager", "The help desk",
             "The care worker", "A youth worker"],
    "verb_met": ["helps you with", "thinks along about", "talks with you about", "looks together with you at",
                 "arranges together with you", "looks for a solution for", "makes a plan for",
                 "gives advice about", "guides you with", "supports you with"],
    "obj": ["your rent arrears", "your debts", "a postal address", "a benefit", "a place to sleep tonight",
            "a home of your own", "your health insurance", "letters from the bailiff", "your energy bill",
            "a payment plan", "your income", "a place in the shelter", "the application for special assistance",
            "a room with support", "your ID", "the talks with your landlord", "your day activities",
            "your papers", "a budget plan", "the allowances", "a place to live after the clinic",
            "a home after prison", "help with addiction", "your paperwork", "the first step"],
    "time": ["On weekdays", "Every morning", "At the weekend", "Within three working days", "After you sign up",
             "Usually within a week", "At the first meeting", "After a few weeks", "During the walk-in hour",
             "When it freezes", "In the evening", "Today"],
    "can": ["you can walk in without an appointment", "you get one contact person", "we make a plan together",
            "we call you back", "we look at what you need", "you can have a shower and a meal",
            "you get a letter with what we agreed", "there is coffee and someone to talk to",
            "you can collect your post", "we talk about your situation", "you hear about your rights",
            "we look together for a place to live"],
    "mod": ["if possible", "without a waiting list", "close by", "together with you", "for free", "in confidence",
            "step by step", "in a quiet place", "also at the weekend", "as soon as possible", "at your own pace",
            "in the region"],
    "bring": ["your ID", "your last payslip", "the letters from your landlord", "a list of your debts",
              "your bank statements", "your health insurance card", "your rental contract", "your medicines",
              "your phone", "the letter from the bailiff"],
    "result": ["you avoid losing your home", "you keep track of your money", "you do not have to sleep outside",
               "you get some peace again", "you know where you stand", "you can get on with your life",
               "your rent stays paid", "you find a home sooner", "you are not on your own",
               "your debts do not grow"],
    "need_q": ["Do you need {obj}?", "Are you worried about {obj}?", "Is it getting too much with {obj}?",
               "Do you want help with {obj}?", "Do you have questions about {obj}?"],
    "templates": [
        "{subj} {verb_met} {obj}.",
        "{subj} {verb_met} {obj}, {mod}.",
        "{need_q} {subj} {verb_met} {obj}.",
        "{time} {can}.",
        "{time} {can}, {mod}.",
        "If you can, bring {bring}.",
        "That way {result}.",
        "Do not wait too long: the sooner you ask for help, the more is possible.",
        "There is no need to feel ashamed. Many people ask for help with {obj}.",
        "{subj} {verb_met} {obj}. That way {result}.",
        "Every municipality must give you shelter first; then they look further together with you.",
        "Do you not speak Dutch? Ask for an interpreter. It is free.",
    ],
    "h_who": "**Who is it for?**", "h_how": "**How do you get in?**", "h_what": "## What can you expect?",
    "h_after": "## What happens next?", "site": "website", "call": "Call",
    "more": "Also read [what Housing First is](/en/uitleg/wonen-eerst/).",
}

# Smaller vocabularies for the optional further translations: subject + predicate + modifier.
SIMPLE = {
    "pl": {"subj": ["Pracownik", "Zespół dzielnicowy", "Gmina", "Doradca", "Opiekun", "Wolontariusz"],
           "pred": ["pomaga ci znaleźć mieszkanie", "pomaga ci spłacić długi", "rozmawia z tobą o twojej sytuacji",
                    "szuka z tobą miejsca do spania", "pomaga ci wypełnić formularze",
                    "pomaga ci uzyskać adres pocztowy", "sprawdza, jakiej pomocy potrzebujesz",
                    "kontaktuje się z właścicielem mieszkania"],
           "mod": ["bezpłatnie", "w dni robocze", "bez umówionej wizyty", "tak szybko, jak to możliwe",
                   "w twojej okolicy", "razem z tobą"],
           "order": "spm", "h": ["**Dla kogo?**", "**Jak się zgłosić?**", "## Co możesz otrzymać?"]},
    "ro": {"subj": ["Angajatul", "Echipa de cartier", "Primăria", "Consilierul", "Asistentul social", "Voluntarul"],
           "pred": ["te ajută să găsești o locuință", "te ajută cu datoriile", "vorbește cu tine despre situația ta",
                    "caută cu tine un loc de dormit", "te ajută să completezi formularele",
                    "te ajută să obții o adresă poștală", "verifică de ce ajutor ai nevoie",
                    "ia legătura cu proprietarul"],
           "mod": ["gratuit", "în zilele lucrătoare", "fără programare", "cât mai repede posibil", "în zona ta",
                   "împreună cu tine"],
           "order": "spm", "h": ["**Pentru cine?**", "**Cum ajungi aici?**", "## Ce primești?"]},
    "uk": {"subj": ["Працівник", "Районна команда", "Муніципалітет", "Консультант", "Соціальний працівник",
                    "Волонтер"],
           "pred": ["допомагає тобі знайти житло", "допомагає тобі з боргами", "говорить з тобою про твою ситуацію",
                    "шукає з тобою місце для ночівлі", "допомагає тобі заповнити документи",
                    "допомагає тобі отримати поштову адресу", "з'ясовує, яка допомога тобі потрібна",
                    "зв'язується з орендодавцем"],
           "mod": ["безкоштовно", "у робочі дні", "без запису", "якомога швидше", "у твоєму районі",
                   "разом з тобою"],
           "order": "spm", "h": ["**Для кого?**", "**Як звернутися?**", "## Що ти отримаєш?"]},
    "ar": {"subj": ["الموظف", "فريق الحي", "البلدية", "المستشار", "الأخصائي الاجتماعي", "المتطوع"],
           "pred": ["يساعدك في إيجاد سكن", "يساعدك في سداد الديون", "يتحدث معك عن وضعك", "يبحث معك عن مكان للنوم",
                    "يساعدك في ملء الاستمارات", "يساعدك في الحصول على عنوان بريدي", "يرى ما تحتاجه من مساعدة",
                    "يتواصل مع المؤجر"],
           "mod": ["مجانًا", "في أيام العمل", "بدون موعد", "في أقرب وقت ممكن", "في منطقتك", "معك"],
           "order": "spm", "h": ["**لمن؟**", "**كيف تصل؟**", "## ماذا تحصل؟"]},
    "tr": {"subj": ["Çalışan", "Mahalle ekibi", "Belediye", "Danışman", "Sosyal hizmet uzmanı", "Gönüllü"],
           "pred": ["ev bulmana yardım eder", "borçlarınla ilgili yardım eder", "durumun hakkında seninle konuşur",
                    "seninle birlikte kalacak yer arar", "formları doldurmana yardım eder",
                    "posta adresi almana yardım eder", "hangi yardıma ihtiyacın olduğuna bakar",
                    "ev sahibiyle iletişime geçer"],
           "mod": ["ücretsiz olarak", "iş günlerinde", "randevusuz", "mümkün olan en kısa sürede", "bölgende",
                   "seninle birlikte"],
           "order": "smp", "h": ["**Kimin için?**", "**Nasıl başvurulur?**", "## Ne alırsın?"]},
}


def fill(rng, vocab, template):
    def pick(m):
        key = m.group(1)
        if key == "need_q":
            return rng.choice(vocab["need_q"]).replace("{obj}", rng.choice(vocab["obj"]))
        return rng.choice(vocab[key])
    s = re.sub(r"\{(\w+)\}", pick, template)
    return s[0].upper() + s[1:]


def sentence(rng, vocab):
    # The first five templates combine words; the fixed sentences come up now and then.
    t = vocab["templates"]
    return fill(rng, vocab, rng.choice(t[:5]) if rng.random() < 0.75 else rng.choice(t[5:]))


def paragraph(rng, vocab, n):
    out = []
    while len(out) < n:
        s = sentence(rng, vocab)
        if s not in out:
            out.append(s)
    return " ".join(out)


def words(text):
    return len(text.split())


MIN_WORDS, MAX_WORDS = 200, 600


def body_text(rng, vocab, target, facts):
    """Markdown of about `target` words: intro, who, what (a list), how to get in, more."""
    parts = [paragraph(rng, vocab, rng.randint(3, 5))]
    parts.append(vocab["h_who"] + "\n" + facts["who"] + " " + paragraph(rng, vocab, 2))
    items = [sentence(rng, vocab) for _ in range(rng.randint(3, 6))]
    parts.append(vocab["h_what"] + "\n\n" + "\n".join("- " + i for i in items))
    how = vocab["h_how"] + "\n" + paragraph(rng, vocab, 2)
    if facts.get("phone"):
        how += f" {vocab['call']} **{facts['phone']}**."
    if facts.get("website"):
        how += f" [{vocab['site']}]({facts['website']})"
    parts.append(how)
    after = [vocab["h_after"]]
    total = sum(words(p) for p in parts)
    while total < target:
        p = paragraph(rng, vocab, rng.randint(2, 5))
        if total + words(p) > MAX_WORDS:
            p = paragraph(rng, vocab, 1)
            if total + words(p) > MAX_WORDS:
                break
        after.append(p)
        total += words(p)
    if len(after) > 1:
        if rng.random() < 0.3 and total + words(vocab["more"]) <= MAX_WORDS:
            after.append(vocab["more"])
        parts.append("\n\n".join(after))
    return "\n\n".join(parts) + "\n"


def simple_body(rng, v, target):
    def sent():
        s, p, m = rng.choice(v["subj"]), rng.choice(v["pred"]), rng.choice(v["mod"])
        return f"{s} {m} {p}." if v["order"] == "smp" else f"{s} {p} {m}."
    parts, total, i = [], 0, 0
    while total < target:
        para = " ".join(sent() for _ in range(rng.randint(3, 5)))
        if i < len(v["h"]):
            para = v["h"][i] + "\n" + para if v["h"][i].startswith("**") else v["h"][i] + "\n\n" + para
        parts.append(para)
        total += words(para)
        i += 1
    return "\n\n".join(parts) + "\n", sent()


# --------------------------------------------------------------------------------------
# Service types: (id stem, nl name, en name, kind, needs, nl summary, en summary, audience)

LOCAL_TYPES = [
    ("schuldhulp", "Schuldhulp", "Debt help", "prevention", ["debt-help"],
     "Hulp als je schulden hebt of je rekeningen niet meer kunt betalen.",
     "Help if you have debts or can no longer pay your bills.", None),
    ("vroegsignalering", "Vroegsignalering huurachterstand", "Early help with rent arrears", "prevention",
     ["eviction-prevention", "debt-help"],
     "We nemen contact op als je huur of energie niet betaald is.",
     "We get in touch when your rent or energy bill is unpaid.", None),
    ("budgetcoach", "Budgetcoaching", "Budget coaching", "prevention", ["debt-help", "income"],
     "Een coach helpt je overzicht te houden over je geld.",
     "A coach helps you keep track of your money.", None),
    ("huurteam", "Huurteam", "Tenants' team", "prevention", ["eviction-prevention"],
     "Hulp als je verhuurder je uit je huis wil zetten.",
     "Help when your landlord wants to evict you.", None),
    ("formulierenhulp", "Formulierenhulp", "Help with forms", "prevention", ["income", "debt-help"],
     "Hulp bij brieven, formulieren en toeslagen.",
     "Help with letters, forms and allowances.", None),
    ("meldpunt-bezorgd", "Meldpunt Bezorgd", "Worry report point", "help-desk", ["worry-report"],
     "Maak je je zorgen om iemand? Meld het hier.",
     "Are you worried about someone? Report it here.", None),
    ("meldpunt-dakloos", "Meldpunt dak- en thuislozen", "Homeless report point", "help-desk",
     ["shelter-intake"],
     "Hier meld je je als je geen huis hebt.",
     "Report here if you have no home.", None),
    ("postadres", "Postadres aanvragen", "Applying for a postal address", "help-desk", ["postal-address"],
     "Geen woonadres? Vraag een postadres aan.",
     "No home address? Apply for a postal address.", None),
    ("inloophuis", "Inloophuis", "Drop-in house", "day-centre", ["day-centre"],
     "Overdag koffie, een maaltijd en iemand om mee te praten.",
     "During the day coffee, a meal and someone to talk to.", None),
    ("dagbesteding", "Dagbesteding", "Day activities", "day-centre", ["day-centre"],
     "Een zinvolle dag, met werk en activiteiten.",
     "A useful day, with work and activities.", None),
    ("kamers-met-aandacht", "Kamers met Aandacht", "Rooms with Attention", "housing",
     ["housing", "leaving-institution"],
     "Een kamer bij een verhuurder die een oogje in het zeil houdt.",
     "A room with a landlord who keeps an eye on you.", {"min_age": 18, "max_age": 27, "groups": ["young-people"]}),
    ("wonen-eerst", "Wonen Eerst", "Housing First", "housing", ["housing"],
     "Eerst een eigen huis, met veel hulp erbij.",
     "First a home of your own, with a lot of help.", {"groups": ["adults"]}),
    ("skaeve-huse", "Skaeve Huse", "Skaeve Huse", "housing", ["housing"],
     "Een eigen huisje op een rustige plek.",
     "A small home of your own in a quiet place.", {"groups": ["adults"]}),
    ("beschermd-wonen", "Beschermd wonen", "Sheltered housing", "housing", ["housing"],
     "Wonen met begeleiding, dag en nacht.",
     "Living with support, day and night.", None),
    ("na-detentie", "Begeleiding na detentie", "Support after prison", "support", ["leaving-institution"],
     "Hulp bij wonen, werk en geld als je uit de gevangenis komt.",
     "Help with housing, work and money when you leave prison.", {"groups": ["adults"]}),
    ("verslavingszorg", "Spreekuur verslavingszorg", "Addiction care walk-in hour", "support",
     ["addiction-help"],
     "Praten over alcohol, drugs of gokken, zonder afspraak.",
     "Talk about alcohol, drugs or gambling, without an appointment.", None),
    ("woonbegeleiding", "Ambulante woonbegeleiding", "Support at home", "support", ["housing"],
     "Begeleiding in je eigen huis.",
     "Support in your own home.", None),
    ("inkomensloket", "Inkomensloket", "Income desk", "support", ["income"],
     "Vragen over een uitkering of bijzondere bijstand.",
     "Questions about benefits or special assistance.", None),
    ("jongerenloket", "Jongerenloket", "Youth desk", "support", ["income", "housing"],
     "Hulp voor jongeren bij school, werk, geld en wonen.",
     "Help for young people with school, work, money and housing.",
     {"min_age": 16, "max_age": 27, "groups": ["young-people"]}),
    ("bemoeizorg", "Bemoeizorg", "Outreach care", "support", ["worry-report", "addiction-help"],
     "Hulp voor mensen die zelf geen hulp vragen.",
     "Help for people who do not ask for help themselves.", None),
    ("noodbed", "Noodbed", "Emergency bed", "shelter", ["sleep-tonight"],
     "Een bed voor een paar nachten, als het niet anders kan.",
     "A bed for a few nights, when there is no other way.", {"groups": ["adults"]}),
    ("veldwerk", "Veldwerk", "Street outreach", "support", ["shelter-intake"],
     "Veldwerkers zoeken mensen op straat op.",
     "Outreach workers find people on the street.", None),
    ("migranten-spreekuur", "Spreekuur nieuwkomers", "Walk-in hour for newcomers", "support",
     ["income", "postal-address"],
     "Hulp voor nieuwkomers en arbeidsmigranten.",
     "Help for newcomers and labour migrants.", {"groups": ["migrants"]}),
    ("remigranten", "Terugkeerloket", "Returnee desk", "help-desk", ["postal-address", "income"],
     "Hulp als je terugkomt uit het buitenland.",
     "Help when you come back from abroad.", {"groups": ["remigrants"]}),
]

FRONT_DOORS = [
    ("sociaal-wijkteam", "Sociaal wijkteam", "Neighbourhood social team"),
    ("wmo-loket", "Wmo-loket", "Social support desk"),
    ("lokale-toegang", "Lokale toegang", "Local help desk"),
    ("zorgloket", "Zorgloket", "Care desk"),
]

REGIONAL_TYPES = [
    ("nachtopvang", "Nachtopvang", "Night shelter", "shelter", ["sleep-tonight", "shelter-intake"],
     "Een bed voor de nacht, een douche en eten.", "A bed for the night, a shower and food.",
     {"min_age": 23, "groups": ["adults"]}),
    ("jongerenopvang", "Jongerenopvang", "Youth shelter", "shelter", ["youth-shelter", "sleep-tonight"],
     "Opvang voor jongeren van 18 tot 23 jaar.", "Shelter for young people aged 18 to 23.",
     {"min_age": 18, "max_age": 23, "groups": ["young-people"]}),
    ("gezinsopvang", "Crisisopvang gezinnen", "Crisis shelter for families", "shelter", ["family-shelter"],
     "Opvang voor ouders met kinderen.", "Shelter for parents with children.", {"groups": ["families"]}),
    ("dagopvang", "Dagopvang", "Day shelter", "day-centre", ["day-centre"],
     "Overdag een warme plek, eten en een douche.", "A warm place, food and a shower during the day.", None),
    ("vrouwenopvang", "Vrouwenopvang", "Women's shelter", "shelter", ["domestic-violence", "sleep-tonight"],
     "Een veilige plek als je thuis niet veilig bent.", "A safe place if you are not safe at home.",
     {"groups": ["women"]}),
    ("centrale-toegang", "Centrale toegang", "Central intake", "help-desk", ["shelter-intake"],
     "Hier meld je je voor opvang in de regio.", "Report here for shelter in the region.", None),
    ("winterregeling", "Winterregeling", "Winter shelter", "shelter", ["sleep-tonight"],
     "Extra bedden als het vriest.", "Extra beds when it freezes.", None),
]

PROVIDERS = ["Leger des Heils", "Stichting Onderdak", "Exodus", "Kwintes", "Humanitas", "Stichting De Brug",
             "Vluchthaven", "Stichting Het Anker", "Welzijnswerk", "Schuldhulpmaatje"]


# --------------------------------------------------------------------------------------
# YAML writing: every string is a JSON string, which is valid double-quoted YAML.

def q(s):
    return json.dumps(s, ensure_ascii=False)


def yaml_lines(d, indent=0):
    pad = "  " * indent
    out = []
    for k, v in d.items():
        if v is None:
            continue
        if isinstance(v, dict):
            out.append(f"{pad}{k}:")
            out.extend(yaml_lines(v, indent + 1))
        elif isinstance(v, list):
            if v and isinstance(v[0], dict):
                out.append(f"{pad}{k}:")
                for item in v:
                    inner = "{ " + ", ".join(f"{ik}: {fmt(iv)}" for ik, iv in item.items()) + " }"
                    out.append(f"{pad}  - {inner}")
            else:
                out.append(f"{pad}{k}: [" + ", ".join(fmt(x) for x in v) + "]")
        else:
            out.append(f"{pad}{k}: {fmt(v)}")
    return out


def fmt(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(fmt(x) for x in v) + "]"
    return q(str(v))


def front(d):
    return "---\n" + "\n".join(yaml_lines(d)) + "\n---\n"


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# --------------------------------------------------------------------------------------
# The data set

def phone_number(rng):
    if rng.random() < 0.1:
        return "0800-" + str(rng.randint(1000, 9999))
    return rng.choice(AREA_CODES) + "-" + str(rng.randint(1000000, 9999999))


def postcode(rng):
    return f"{rng.randint(1000, 9999)} {rng.choice('ABCDEGHJKLMNPRTVWXZ')}{rng.choice('ABCDEGHJKLMNPRTVWXZ')}"


def office_hours(rng):
    day = [["09:00-17:00"], ["08:30-12:30", "13:30-17:00"], ["09:00-12:00"], ["13:00-16:30"]]
    h = {}
    pattern = rng.choice(day)
    for d in ["mon", "tue", "wed", "thu", "fri"]:
        if rng.random() < 0.85:
            h[d] = pattern
    if not h:
        h["mon"] = pattern
    if rng.random() < 0.3:
        h["exceptions"] = [{"date": "2026-12-25", "closed": True, "note": "Eerste Kerstdag"},
                           {"date": "2026-12-31", "hours": ["09:00-12:00"]}]
    return h


def night_hours(rng):
    if rng.random() < 0.3:
        return {"always_open": True}
    h = {d: ["21:00-09:00"] for d in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]}
    if rng.random() < 0.5:
        h["note"] = "Bij vorst ook overdag open."
    return h


def service_files(rng, sid, place, scope_name, typ, langs, translations, checked, local_domain,
                  front_door=None):
    """Returns {filename: text} for one service and its translations."""
    if front_door:
        stem, nl_name, en_name = front_door
        kind, needs = "front-door", ["front-door"]
        nl_sum = f"Hier begin je als je hulp nodig hebt bij wonen, geld of zorg in {place}."
        en_sum = f"Start here if you need help with housing, money or care in {place}."
        audience = None
    else:
        stem, nl_name, en_name, kind, needs, nl_sum, en_sum, audience = typ
        needs = list(needs)
        if kind == "support" and rng.random() < 0.15 and "front-door" not in needs:
            needs.append("front-door")  # some support desks are also a way in
    nl_full = f"{nl_name} {place}"
    en_full = f"{en_name} {place}"
    phone = phone_number(rng)
    website = f"https://www.{local_domain}.example/{sid}/"
    fm = {"name": nl_full, "summary": nl_sum, "kind": kind, "needs": needs}
    aud = dict(audience) if audience else {}
    who_nl = f"Voor iedereen die in {scope_name} woont of verblijft."
    aud["note"] = who_nl
    fm["audience"] = aud
    fm["provider"] = rng.choice(PROVIDERS) if kind in ("shelter", "day-centre", "support", "housing") \
        else f"Gemeente {scope_name}"
    if kind == "shelter":
        fm["capacity"] = f"{rng.randint(4, 40)} bedden"
        fm["stay"] = rng.choice(["Maximaal 3 maanden", "Een paar nachten", "Tot er een woonplek is"])
    contact = {"phone": phone, "phone_note": rng.choice(["Op werkdagen", "Gratis", "Dag en nacht", "Tijdens kantooruren"])}
    if rng.random() < 0.7:
        contact["email"] = f"{stem}@{local_domain}.example"
    contact["website"] = website
    contact["walk_in"] = rng.random() < 0.5
    fm["contact"] = contact
    fm["address"] = {"street": f"{rng.choice(STREETS)} {rng.randint(1, 180)}", "postcode": postcode(rng),
                     "city": place}
    fm["hours"] = night_hours(rng) if kind == "shelter" else office_hours(rng)
    fm["cost"] = "Gratis" if rng.random() < 0.8 else "Een eigen bijdrage, afhankelijk van je inkomen"
    fm["bring"] = rng.sample(NL["bring"], rng.randint(1, 3))
    fm["languages"] = ["nl"] + rng.sample(["en", "ar", "pl", "tr", "uk", "ro"], rng.randint(0, 3))
    fm["sources"] = [{"id": "synthetisch"}]
    fm["last_checked"] = checked
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    facts = {"who": who_nl, "phone": phone, "website": website}
    files = {f"{sid}.md": front(fm) + body_text(rng, NL, target, facts)}
    for lang in translations:
        if lang not in langs or lang == "nl":
            continue
        if lang == "en":
            tf = {"name": en_full, "summary": en_sum,
                  "audience_note": f"For everyone who lives or stays in {scope_name}.",
                  "phone_note": "Free" if contact["phone_note"] == "Gratis" else "See opening hours",
                  "cost": "Free" if fm["cost"] == "Gratis" else "A personal contribution, depending on your income",
                  "reviewed": False}
            body = body_text(rng, EN, target, {"who": tf["audience_note"], "phone": phone, "website": website})
        elif lang in SIMPLE:
            body, summary = simple_body(rng, SIMPLE[lang], target)
            tf = {"summary": summary, "reviewed": False}
        else:
            continue
        files[f"{sid}.{lang}.md"] = front(tf) + body
    return files


def make_site(args):
    out = os.path.abspath(args.out)
    content = os.path.join(out, "content")
    if os.path.exists(out):
        if not args.force and os.listdir(out):
            sys.exit(f"{out} exists and is not empty; pass --force to replace it")
        shutil.rmtree(out)
    os.makedirs(content)
    repo_content = os.path.join(args.repo, "content")
    langs = args.languages
    translations = args.translations
    today = datetime.date.today()
    checked = min(datetime.date(2026, 11, 1), today - datetime.timedelta(days=1)).isoformat()

    # site.yaml
    site = ["# Synthetic benchmark site written by benches/generate.py; do not edit by hand.", "title:"]
    for l in langs:
        if l in SITE_TITLES:
            site.append(f"  {l}: {q(SITE_TITLES[l])}")
    if "nl" not in langs:
        sys.exit("nl must be among the languages (the default language)")
    site += ["base_url: https://onderdak.example", "default_language: nl",
             "languages: [" + ", ".join(langs) + "]", "theme: default", "stale_after_days: 180"]
    write(os.path.join(content, "site.yaml"), "\n".join(site) + "\n")

    # i18n: copied from the repo; a missing language gets en.yaml with its name and direction.
    os.makedirs(os.path.join(content, "i18n"))
    for l in langs:
        src = os.path.join(repo_content, "i18n", f"{l}.yaml")
        dst = os.path.join(content, "i18n", f"{l}.yaml")
        if os.path.exists(src):
            shutil.copyfile(src, dst)
        else:
            name, direction = LANGUAGE_META.get(l, (l, "ltr"))
            with open(os.path.join(repo_content, "i18n", "en.yaml"), encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r"(?m)^language_name:.*$", f"language_name: {q(name)}", text)
            text = re.sub(r"(?m)^direction:.*$", f"direction: {direction}", text)
            write(dst, text)

    # The question flow, national lines and explainer pages, copied (translations only for
    # enabled languages).
    def enabled_copy(name):
        m = re.match(r"^(.*?)\.([a-z]{2,3})\.(md|yaml)$", name)
        return m is None or m.group(2) in langs

    for name in sorted(os.listdir(repo_content)):
        if (re.match(r"^tree(\.[a-z]{2,3})?\.yaml$", name) and enabled_copy(name)) or name == "topics.yaml":
            shutil.copyfile(os.path.join(repo_content, name), os.path.join(content, name))
    # The source register: the repo's (cited by the copied files) and one synthetic source
    # that every generated file cites.
    os.makedirs(os.path.join(content, "sources"))
    for name in sorted(os.listdir(os.path.join(repo_content, "sources"))):
        if name.endswith(".yaml"):
            shutil.copyfile(os.path.join(repo_content, "sources", name), os.path.join(content, "sources", name))
    write(os.path.join(content, "sources", "synthetisch.yaml"),
          "- id: synthetisch\n  title: Synthetische gegevens van benches/generate.py\n"
          "  publisher: onderdak\n  date: 2026-11\n  kind: policy\n")
    for folder in ["national", "pages"]:
        os.makedirs(os.path.join(content, folder))
        for name in sorted(os.listdir(os.path.join(repo_content, folder))):
            if name.endswith(".md") and name.lower() != "readme.md" and enabled_copy(name):
                shutil.copyfile(os.path.join(repo_content, folder, name), os.path.join(content, folder, name))

    # Names: municipalities and regions.
    rng = random.Random(f"{args.seed}-names")
    names, slugs = [], set()
    reserved = {"uitleg", "landelijk", "waar-kan-ik-terecht", "zoeken", "data", "static", "offline"}
    while len(names) < args.municipalities:
        n = make_name(rng)
        s = slugify(n)
        if s in slugs or s in reserved or s in ALL_LANGUAGES or len(s) < 3 or s.startswith("regio-"):
            continue
        slugs.add(s)
        names.append((n, s))
    # Regions: sizes vary (at least 1 member), members consecutive in generation order.
    R = min(args.regions, args.municipalities)
    weights = [rng.uniform(0.4, 2.5) for _ in range(R)]
    rest = args.municipalities - R
    sizes = [1 + int(rest * w / sum(weights)) for w in weights]
    i = 0
    while sum(sizes) < args.municipalities:
        sizes[i % R] += 1
        i += 1
    regions, k = [], 0
    for r in range(R):
        members = names[k:k + sizes[r]]
        k += sizes[r]
        centrum = members[0]
        regions.append({"name": f"Regio {centrum[0]}", "slug": f"regio-{centrum[1]}", "centrum": centrum,
                        "members": members})

    counts = {"services": 0, "files": 0}
    for reg in regions:
        rrng = random.Random(f"{args.seed}-region-{reg['slug']}")
        rdir = os.path.join(content, "regions", reg["slug"])
        os.makedirs(rdir)
        ryaml = {"name": reg["name"], "centrumgemeente": reg["centrum"][1],
                 "municipalities": sorted(m[1] for m in reg["members"]),
                 "summary": f"{reg['centrum'][0]} is de centrumgemeente voor de maatschappelijke opvang van "
                            f"{len(reg['members'])} gemeente(n).",
                 "sources": [{"id": "synthetisch"}], "last_checked": checked}
        write(os.path.join(rdir, "region.yaml"), "\n".join(yaml_lines(ryaml)) + "\n")
        for j in range(args.regional_services):
            typ = REGIONAL_TYPES[j % len(REGIONAL_TYPES)]
            sid = f"{reg['slug']}-{typ[0]}" + (f"-{j // len(REGIONAL_TYPES) + 1}" if j >= len(REGIONAL_TYPES) else "")
            files = service_files(rrng, sid, reg["centrum"][0], reg["name"], typ, langs, translations, checked,
                                  reg["slug"])
            for fn, text in files.items():
                write(os.path.join(rdir, fn), text)
            counts["services"] += 1
            counts["files"] += len(files)
        for name, slug in reg["members"]:
            mrng = random.Random(f"{args.seed}-municipality-{slug}")
            mdir = os.path.join(content, "municipalities", slug)
            os.makedirs(mdir)
            myaml = {"name": name,
                     "summary": f"{name} hoort bij {reg['name']}; de opvang regelt {reg['centrum'][0]}.",
                     "contact": {"phone": phone_number(random.Random(f"{args.seed}-phone-{slug}"))},
                     "sources": [{"id": "synthetisch"}], "last_checked": checked}
            write(os.path.join(mdir, "municipality.yaml"), "\n".join(yaml_lines(myaml)) + "\n")
            used = set()
            for j in range(args.services):
                if j == 0:
                    fd = mrng.choice(FRONT_DOORS)
                    sid = f"{slug}-{fd[0]}"
                    files = service_files(mrng, sid, name, name, None, langs, translations, checked, slug,
                                          front_door=fd)
                else:
                    typ = LOCAL_TYPES[(j - 1) % len(LOCAL_TYPES)] if j <= len(LOCAL_TYPES) else mrng.choice(LOCAL_TYPES)
                    sid = f"{slug}-{typ[0]}"
                    while sid in used:
                        sid = f"{slug}-{typ[0]}-{mrng.choice(DISTRICTS)}"
                    files = service_files(mrng, sid, name, name, typ, langs, translations, checked, slug)
                used.add(sid)
                for fn, text in files.items():
                    write(os.path.join(mdir, fn), text)
                counts["services"] += 1
                counts["files"] += len(files)

    # themes: a symlink to the repo's theme folder, like tests/fixtures/good.
    os.symlink(args.themes or os.path.join(args.repo, "themes"), os.path.join(out, "themes"))
    return out, regions, counts


def flow_path_count(tree_file):
    """Paths through the question flow (src/plan.rs flow_paths), from a light parse of tree.yaml."""
    questions, start, current, section = {}, None, None, None
    with open(tree_file, encoding="utf-8") as f:
        for line in f:
            if line.startswith("start:"):
                start = line.split(":", 1)[1].strip()
            elif line.startswith("questions:"):
                section = "q"
            elif line.startswith("answers:"):
                section = "a"
            elif section == "q":
                m = re.match(r"^  - id:\s*(\S+)", line)
                if m:
                    current = m.group(1)
                    questions[current] = []
                    continue
                m = re.match(r"^\s+- \{(.*)\}\s*$", line)
                if m and current:
                    nxt = re.search(r"\bnext:\s*([a-z0-9-]+)", m.group(1))
                    questions[current].append(nxt.group(1) if nxt else None)
    if not start or start not in questions:
        return None

    def count(qid):
        return 1 + sum(count(n) if n else 1 for n in questions[qid])
    return count(start)


def estimate(args, regions, counts):
    content = os.path.join(args.out, "content")
    paths = flow_path_count(os.path.join(content, "tree.yaml"))
    national = len([n for n in os.listdir(os.path.join(content, "national")) if re.fullmatch(r"[a-z0-9-]+\.md", n)])
    explainers = len([n for n in os.listdir(os.path.join(content, "pages")) if re.fullmatch(r"[a-z0-9-]+\.md", n)])
    if paths is None:
        return None, None
    # The plan as of commit b574af7: per language the home page, per region its page and its
    # changes page, per municipality its page and flyer, per service its page and flyer, the
    # explainer index, offline and search pages, the explainers, and the question flow once
    # without and once per municipality. Newer page kinds are not counted: --onderdak is exact.
    services = counts["services"] + national
    per_lang = 1 + 2 * len(regions) + 2 * args.municipalities + 2 * services + 1 + 2 + explainers \
        + (args.municipalities + 1) * paths
    return 2 + len(args.languages) * per_lang, paths


def tail(text, n=12):
    lines = text.rstrip("\n").splitlines()
    cut = f"... ({len(lines) - n} lines left out)\n" if len(lines) > n else ""
    return cut + "\n".join(lines[-n:]) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="the site folder to write (holds content/ and themes)")
    p.add_argument("--preset", choices=sorted(PRESETS), default="full",
                   help="full: 342 municipalities in 35 regions (default); 10k: about 10,000 pages; "
                        "2k: about 2,000 pages. Explicit options override the preset")
    p.add_argument("--municipalities", type=int)
    p.add_argument("--regions", type=int)
    p.add_argument("--services", type=int, help="services per municipality (30)")
    p.add_argument("--regional-services", type=int, help="services per region, shelters first (4)")
    p.add_argument("--languages", default=",".join(ALL_LANGUAGES),
                   help="comma-separated languages enabled in site.yaml (default: nl,en,pl,ro,uk,ar,tr)")
    p.add_argument("--translations", default="en",
                   help="languages that get <id>.<lang>.md service translations: a comma-separated list, "
                        "'all' or 'none' (default: en)")
    p.add_argument("--seed", default="onderdak", help="seed of the random generators")
    p.add_argument("--repo", default=REPO, help="the onderdak repo to copy i18n, the flow, national "
                                                "lines, pages and themes from")
    p.add_argument("--themes", help="the folder the `themes` symlink points to (default: the repo's themes/; "
                                    "compare.sh passes a snapshot so the theme cannot change during a run)")
    p.add_argument("--onderdak", help="an onderdak binary: check and build the site and print its page count")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = p.parse_args()
    m, r, s, rs = PRESETS[args.preset]
    args.municipalities = args.municipalities or m
    args.regions = args.regions or r
    args.services = args.services or s
    args.regional_services = rs if args.regional_services is None else args.regional_services
    args.languages = [l.strip() for l in args.languages.split(",") if l.strip()]
    if args.translations == "all":
        args.translations = [l for l in args.languages if l != "nl"]
    elif args.translations == "none":
        args.translations = []
    else:
        args.translations = [l.strip() for l in args.translations.split(",") if l.strip()]
    args.repo = os.path.abspath(args.repo)
    args.themes = os.path.abspath(args.themes) if args.themes else None
    if args.services < 1:
        sys.exit("--services must be at least 1 (every municipality gets a front door)")

    out, regions, counts = make_site(args)
    args.out = out
    est, paths = estimate(args, regions, counts)
    print(f"wrote {out}: {args.municipalities} municipalities in {len(regions)} regions, "
          f"{counts['services']} synthetic services ({counts['files']} service files), "
          f"{len(args.languages)} languages ({','.join(args.languages)}), translations: "
          f"{','.join(args.translations) or 'none'}")
    if est is not None:
        print(f"estimated pages: {est} ({paths} flow paths)")
    if args.onderdak:
        binary = os.path.abspath(args.onderdak)
        chk = subprocess.run([binary, "check", "--site", out], capture_output=True, text=True)
        last = (chk.stdout.strip().splitlines() or chk.stderr.strip().splitlines() or [""])[-1]
        print(f"onderdak check: exit {chk.returncode}: {last}")
        if chk.returncode != 0:
            sys.stderr.write(tail(chk.stdout + chk.stderr))
            sys.exit(1)
        b = subprocess.run([binary, "build", "--site", out, "--out", os.path.join(out, "public")],
                           capture_output=True, text=True)
        line = next((l for l in b.stdout.splitlines() if l.startswith("built ")), None)
        if b.returncode != 0 or line is None:
            sys.stderr.write(tail(b.stdout + b.stderr))
            sys.exit(1)
        n = int(line.split()[1])
        print(line)
        print(f"pages: {n}")
    elif est is not None:
        print(f"pages: {est} (estimate; pass --onderdak BIN for the build's own count)")


if __name__ == "__main__":
    main()
