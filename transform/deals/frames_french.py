"""Frames for French news prose that the general frames miss.

French states who pays with prepositions more than with word order: "X apportera à Y 2 Mds
$" (X invests in Y), "X achète à Y des puces" (X buys from Y), "X loue auprès de Y" (X rents
from Y), "X a emprunté 7,5 Mds $ auprès de Y" (Y lends to X), "X a signé avec Y un contrat"
(a contract between the two: direction by what each sells), "X, soutenu par Y" (Y backs X),
"X détient 7 % du capital de Y". Like every frame, these match the sentence skeleton, so
descriptions and pronouns resolved to a party ("le créateur de ChatGPT", "il") count.
"""

from __future__ import annotations

from transform.deals.frames import Frame

_A_OR_AUPRES = r"(?:à|au|aux|auprès\s+(?:de|du|des|d['’])|chez)\s*"
# A funding round as a French noun phrase: "le tour de table", "la levée de fonds", "l'opération".
_ROUND_FR = (r"(?:le\s+tour(?:\s+de\s+(?:table|financement))?|la\s+levée(?:\s+de\s+fonds)?|"
             r"l['’]opération|le\s+financement|la\s+série\s+\w+|"
             r"ce\s+(?:nouveau\s+|dernier\s+|récent\s+|premier\s+)?tour(?:\s+de\s+table)?|"
             r"cette\s+levée(?:\s+de\s+fonds)?)")

# "X rachètera les capacités invendues de Y": a promise to buy what a cloud cannot sell is a
# backstop (as "unsold_capacity_fr" below reads "toute la capacité que Y ne parviendrait pas à
# vendre").
_BUY_ALL_CAPACITY_FR = (r"{A}{__}\b(?:rach[eè]t\w*|ach[eè]t\w*|acquérir|absorb\w*|repren\w*)\s+"
                        r"(?:(?:toute?s?|l['’]ensemble)\s+)?(?:de\s+)?(?:la\s+|les\s+|"
                        r"l['’]\s*)?{_}capacités?\s+")

FRENCH_FRAMES: tuple[Frame, ...] = (
    # "X passe sous le contrôle de Y", "passe dans le giron de Y", "passe entre les mains de
    # Y", "tombe dans l'escarcelle de Y": Y takes X over.
    Frame("passes_under_control_fr", "acquisition",
          r"{B}{app}\s+(?:[\w’'\-]+\s+){0,3}?(?:pass\w*|tomb\w*|bascul\w*|entr\w*)\s+(?:sous\s+(?:le\s+|la\s+)?(?:contrôle|"
          r"pavillon|coupe|houlette)|dans\s+(?:le\s+giron|l['’]escarcelle|le\s+portefeuille)|"
          r"entre\s+les\s+mains|aux\s+mains|dans\s+les\s+mains)\s+(?:de\s+|du\s+|des\s+|d['’])\s*"
          r"{np}{A}"),
    # "Le Crédit X a accordé à Y un prêt de ...": the borrower named before the loan.
    Frame("grant_loan_to_fr", "loan",
          r"{A}{__}\b(?:accord\w*|octroy\w*|consent\w*|attribu\w*)\s+(?:à|au|aux)\s+{np}{B}\s*,?\s+"
          r"(?:un|une|des)\s+(?:[\w\-]+\s+){0,2}?(?:prêts?|financements?|crédits?|facilités?|"
          r"lignes?\s+de\s+crédit|emprunts?)\b"),
    # "X s'est engagé à racheter toute la capacité que Y ne parviendrait pas à vendre", "les
    # capacités invendues de Y": a promise to buy what a cloud cannot sell is a backstop.
    Frame("backstop_unsold_fr", "backstop",
          _BUY_ALL_CAPACITY_FR + r"(?:invendues?|inutilisées?|non\s+vendues?)\s+"
          r"(?:de\s+|d['’]\s*){np}{B}"),
    Frame("deploy_vendor_systems", "purchase",
          r"{A}{__}(?:{v:deploy|install|field|use|run}|déploi\w*|installe\w*|utilise\w*|"
          r"s['’]équipe\w*)\s+{_}\b{GOODS}\s+(?:de\s+|d['’]|from\s+)?{np}{B}",
          confidence=0.8),
    Frame("deploy_vendors_goods", "purchase",
          r"{A}{__}(?:{v:deploy|install|field|use|run}|déploi\w*|installe\w*|utilise\w*)\s+"
          r"(?:[\w,\-]+\s+){0,3}?{B}(?:['’]s?)?\s+(?:[\w\-]+\s+){0,2}?{GOODS}\b",
          confidence=0.8),
    Frame("bring_to_fr", "equity_investment",
          r"{A+}{_}\b(?:apport\w*|inject[eé]\w*|injecter\w*|investir\w*)\s+(?:à|au|aux)\s+{np}{B}",
          type_by="noun"),
    Frame("borrow_from_fr", "loan",
          r"{B}{__}\b(?:emprunt\w*|s['’]est\s+endetté\w*|a\s+levé\s+(?:\S+\s+){0,4}?de\s+dette)"
          r"{__}(?:auprès\s+(?:de|du|des|d['’])|de\s+la\s+part\s+(?:de|d['’])|à\s+(?=la\s+|l['’]|⟨)|"
          r"aux?\s+(?=⟨))\s*{np}{A+}"),
    Frame("buy_from_fr", "purchase",
          r"{A}{__}\b(?:achète\w*|achèter\w*|acheter|achet\w*|acquier\w*|acquérir|acquis|"
          r"commande\w*)\s+" + _A_OR_AUPRES + r"{np}{B}", type_by="pay"),
    # A dative clitic before the verb: "Y, qui lui achète des processeurs" (Y buys from him),
    # "X lui a vendu des puces" (X sold to him), "X lui versera 1 Md$" (X pays him).
    Frame("buy_from_clitic_fr", "purchase",
          r"{A}(?:\s*,\s*qui)?\s+{B}\s+(?:a\s+|avait\s+|va\s+|aurait\s+)?(?:achète\w*|achet\w*|"
          r"commande\w*|"
          r"acquiert|acquis)\b", type_by="pay"),
    Frame("sell_to_clitic_fr", "purchase",
          r"{B}(?:\s*,\s*qui)?\s+{A}\s+(?:a\s+|avait\s+|va\s+|aurait\s+)?(?:vend\w*|fourni\w*|"
          r"livr\w*)\b",
          type_by="pay"),
    Frame("pay_to_clitic_fr", "compute_contract",
          r"{A}(?:\s*,\s*qui)?\s+{B}\s+(?:a\s+|avait\s+|va\s+|aurait\s+)?(?:vers\w*|pai\w*|"
          r"pay\w*)\b",
          type_by="pay"),
    # "X a signé un accord de financement de 100 M$ auprès de Y": Y lends
    Frame("financing_agreement_with_fr", "loan",
          r"{B}{__}\b(?:sign\w*|conclu\w*|obtenu|obtient|décroch\w*)\s+(?:un|une)\s+(?:accord|"
          r"contrat|convention|facilité|ligne)\s+de\s+(?:financement|prêt|crédit){_}"
          r"\bauprès\s+(?:de\s+|du\s+|des\s+|d['’]\s*)(?:la\s+|l['’]\s*)?{np}{A+}"),
    # "A a souscrit pour 25 M$ d'obligations émises par X": the subscriber lends to the issuer
    Frame("subscribed_bonds_fr", "loan",
          r"{A+}{__}\bsouscri\w*\s+(?:pour\s+)?(?:⟨M\d+⟩\s+)?(?:à\s+)?(?:des\s+|d['’]\s*)?"
          r"(?:obligations|titres\s+de\s+créance|billets)\b{_}\bémises?\s+par\s+{np}{B}"),
    Frame("rent_capacity_fr", "compute_contract",
          r"{A}{__}\blou\w+\s+(?:déjà\s+|aussi\s+)?(?:des\s+|de\s+la\s+)?(?:capacités?|puissance\s+de\s+"
          r"calcul|capacité\s+de\s+calcul)\s+(?:à|au|aux|auprès\s+(?:de|du|d['’]))\s*{np}{B}",
          direction="by_kind", confidence=0.95),
    Frame("rent_from_fr", "lease",
          r"{A}{__}\b(?:lou\w+|prend\w*\s+en\s+location|prendrait\s+en\s+location)\s+"
          r"{obj}(?:auprès\s+(?:de|du|des|d['’])|chez)\s*{np}{B}", type_by="rent"),
    Frame("sign_with_fr", "compute_contract",
          r"{A}{__}\b(?:sign\w*|conclu\w*|noué\w*|passé)\s+(?:[\w’'-]+\s+){0,3}?avec\s+{np}{B}"
          r"{_}\b(?:contrats?|accords?|commandes?|bail|partenariat)",
          direction="by_kind", type_by="noun", confidence=0.75),
    Frame("backed_by_fr", "equity_investment",
          r"{B}{app}\s*,?\s*(?:déjà\s+|aussi\s+|notamment\s+)?(?:soutenue?s?|financée?s?|"
          r"adossée?s?|épaulée?s?)\s+par\s+{np}{A+}",
          confidence=0.7),
    Frame("holds_capital_fr", "equity_investment",
          r"{A}{_}\b(?:détient|détenait|détiendra|possède|possédait|contrôle)\s+(?:environ\s+|"
          r"près\s+de\s+|quelque\s+)?[\d,]+\s*(?:%|pour\s*cent)\s+(?:du\s+capital\s+)?(?:de|du|d['’])"
          r"\s*{np}{B}"),
    # "X est l'un des plus gros clients d'Y", "X, premier client de Y": the customer pays.
    Frame("customer_of_fr", "compute_contract",
          r"{A}{_}(?:\b(?:est|était|reste|demeure|devient|est\s+devenue?)|,)\s+(?:aussi\s+)?"
          r"(?:l['’]une?\s+des\s+)?(?:[\w\-]+\s+){0,3}?clients?\s+(?:[\w\-]+\s+)?"
          r"(?:de\s+|du\s+|des\s+|d['’])\s*{np}{B}", confidence=0.7, type_by="pay"),
    # A round in a later sentence: "Le tour de table a été mené par X", "L'opération, menée
    # par X", "Il a été mené par X, à laquelle se sont joints Y et Z", "rejoint par Y".
    Frame("round_led_by_fr", "equity_investment",
          r"\b" + _ROUND_FR + r"(?:\s*,)?\s+(?:a\s+été\s+|est\s+|sera\s+|était\s+)?(?:co-?)?"
          r"(?:men|dirig|condui|emmen|pilot|domin|port)\w*\s+par\s+{np}{A+}", payee="TOPIC"),
    Frame("it_was_led_by_fr", "equity_investment",
          r"^\W*{B}\s+(?:a\s+été|est|sera|était)\s+(?:co-?)?(?:men|dirig|condui|emmen|pilot)\w*"
          r"\s+par\s+{np}{A+}"),
    Frame("joined_round_fr", "equity_investment",
          r"\b(?:(?:à|a)\s+(?:laquelle|lequel)|auxquel(?:le)?s)\s+se\s+(?:sont|est)\s+"
          r"(?:joint|jointe|joints|jointes|associée?s?)\s+{np}{A+}", payee="TOPIC"),
    Frame("round_joined_by_fr", "equity_investment",
          r"\b" + _ROUND_FR + r"{obj}\b(?:rejoint|rejointe|accompagnée?|suivie?|soutenue?s?)\s+"
          r"par\s+{np}{A+}", payee="TOPIC"),
    Frame("round_backed_by_fr", "equity_investment",
          r"{B}{__}(?:tours?\s+de\s+table|levée|financement|série\s+\w+){obj}\b(?:et\s+)?"
          r"(?:soutenue?s?|accompagnée?s?|rejointe?s?)\s+par\s+{np}{A+}"),
    # "Parmi les bailleurs de fonds de X, figurent A, B et C" (the backers of X include ...)
    Frame("among_backers_of_fr", "equity_investment",
          r"\bparmi\s+les\s+(?:[\w\-]+\s+){0,2}?(?:bailleurs\s+de\s+fonds|investisseurs|"
          r"actionnaires|soutiens)\s+(?:de\s+|d['’]|du\s+)\s*{B}\s*,?\s+(?:figurent|on\s+"
          r"(?:trouve|compte)|se\s+trouvent|il\s+y\s+a)\s+{np}{A+}"),
    # "Soutenue par A, B et C, la startup ...", "Backed by A and B, X ...": fronted backers
    Frame("fronted_backed_by", "equity_investment",
          r"^\W*(?:soutenue?s?|financée?s?|backed|funded|financed)\s+(?:par|by)\s+{np}{A+}"
          # (the company the phrase is about is not one more member of its list of backers)
          r"{_},\s*{np}{B}(?!\s*,\s*(?:and\s+|et\s+)?(?:⟨[PQ]\d+⟩|[A-Z]))", confidence=0.8),
    Frame("unsold_capacity_fr", "backstop",
          r"{A}{__}\b(?:rachet\w*|achet\w*|reprendr\w*)\s+(?:toute\s+)?(?:la\s+)?capacité\s+que\s+"
          r"{B}\s+(?:ne\s+)?(?:parviendrait|parvient|pourrait|peut|arriverait|réussirait)\s+pas\s+"
          r"à\s+(?:vendre|louer|écouler|commercialiser)"),
)
