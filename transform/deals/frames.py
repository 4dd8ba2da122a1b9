"""Deal frames: how deal news states who pays whom, as patterns over the sentence skeleton.

Each frame names the deal type it states and which captured party pays (`payer`) and which
is paid (`payee`), so direction comes from the frame, not from word order: "X raised $N from
Y" makes Y the payer, "Y will supply X with capacity" makes X the payer, "capacity will be
leased to X by Y" makes X the payer. Where a sentence names two parties without saying who
pays ("X signed a cloud deal with Y"), `direction = "by_kind"` lets the extractor decide from
what the parties are (a cloud provider is paid for capacity, a landlord for space).
`type_by = "noun"` types the deal from the nouns in the matched text (a "credit facility from
Y" is a loan, a "contract from Y" with cloud words a compute contract).

`payer`/`payee` name a captured group, or "SUBJECT" (the sentence's first named party: "...,
paid for with a $150 million investment from Nvidia") or "BENEFICIARY" (for a guarantee of C's
payments: the party C owes, found among the earlier parties as a landlord or cloud).

Order matters: for one pair of parties and one trigger, the first frame that matches wins.
See transform.deal_lexicon for the macros.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transform.deals.lexicon import compile_pattern, literal_gate


@dataclass(frozen=True)
class Frame:
    """One way of stating a deal."""

    name: str
    deal_type: str
    template: str
    payer: str = "A"
    payee: str = "B"
    confidence: float = 0.9
    type_by: str | None = None  # "noun" | "rent" | "pay" | "licence" | "sale"
    direction: str | None = None  # "by_kind"
    # "cloud": only when the payee sells compute; "hyperscaler": only a hyperscaler
    requires_payee: str | None = None
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)
    gate: frozenset[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", compile_pattern(self.template))
        object.__setattr__(self, "gate", literal_gate(self.template))

    @property
    def needs_two_parties(self) -> bool:
        """False for frames that name one party and infer the other (the sentence subject,
        the beneficiary of a guarantee, the company the text is about)."""
        special = ("SUBJECT", "BENEFICIARY", "CONTEXT", "TOPIC")
        return self.payer not in special and self.payee not in special


_NOT_GOODS_AFTER = (r"(?!\s*(?:['’]s?\s)|\s+(?:[\w\-]+\s+){0,2}?(?:{GOODS}|{COMPUTE}|shares|stock|"
                    r"stakes?|equity)\b)")
_TO_BUY = "{v:buy|purchase|acquire|snap|scoop|swallow|take}(?:\\s+(?:over|up))?"
# How a target's board or shareholders answer an offer ("voted down", "rebuffed", "approved").
_ANSWERS = (r"(?:(?:have|has|had|unanimously|overwhelmingly)\s+)*(?:voted\s+(?:down|against|for)|"
            r"rejected|rebuffed|turned\s+down|spurned|approved|accepted|backed|endorsed)\s+"
            r"(?:the\s+|an?\s+)?")
# Words before an acquired company: "chip designer", "the AI startup" (never goods, capacity).
_COMPANY_NP = (r"(?:(?:the|a|an|rival|its)\s+)?"
               r"(?:(?!(?:(?:{GOODS}|{COMPUTE}|{SPACE})(?!\s+(?:maker|"
               r"makers|designer|company|firm|specialist|startup|provider|vendor|developer|"
               r"operator))|any|all|some|more|agreement|with|from|of|by|shares|stock|stakes?)\b)"
               r"[\w\-’'.&]+\s+){0,3}?")
# An active verb whose subject is the frame's first party: no article right before it (so
# "a 15-year lease" is a noun), at most four words after the subject.
# "pension fund X", "a sovereign wealth fund": "fund" after the kind of a fund is a noun.
_FUND_AS_NOUN = "".join(rf"(?<!\b{kind}\s)" for kind in (
    "pension", "wealth", "hedge", "venture", "investment", "equity", "infrastructure",
    "growth", "credit", "debt", "index", "mutual", "retirement", "endowment", "a", "the"))
_SUBJ_VERB = (r"(?:['’]s?\s+(?:[\w\-]+\s+){1,2}|{app}\s+|\s+)"
              r"(?:(?!(?:a|an|the|its|their)\b)[\w'’]+\s+){0,4}?")

FRAMES: tuple[Frame, ...] = (
    # ---------------------------------------------------------------- backstops
    Frame("backstop_unsold", "backstop",
          r"{A}{__}(?:{v:buy|purchase|absorb|take|cover}|soak\w*\s+up)\s+(?:any\s+|all\s+)?"
          r"{_}(?:unsold|unused|excess|spare|leftover|uncontracted)\s+{_}capacity\s+"
          r"(?:at\s+|of\s+|on\s+|from\s+)?{np}{B}"),
    Frame("backstop_unsold_poss", "backstop",
          r"{A}{__}(?:{v:buy|purchase|absorb|take|cover}|soak\w*\s+up)\s+(?:any\s+|all\s+)?"
          r"{np}{B}['’]?s?\s+(?:\w+\s+){0,2}?(?:unsold|unused|excess|spare|remaining)\s+{_}"
          r"capacity"),
    Frame("backstop_any_capacity_at", "backstop",
          r"{A}{__}{v:buy|purchase|absorb|take|cover}\s+(?:any|all)\s+{_}capacity\s+(?:at|of|on)"
          r"\s+{np}{B}['’]?s?{_}\b(?:that|which)\s+{_}(?:don['’]t|do not|doesn['’]t|does not|"
          r"cannot|can't|fail to)\s+(?:take|use|buy|rent|lease|fill)"),
    Frame("backstop_capacity_remains", "backstop",
          r"{A}{__}{v:buy|purchase|absorb|take|cover|rent|lease}\s+(?:any|all)\s+(?:of\s+)?{np}{B}"
          r"['’]?s?\s+{_}capacity\s+(?:that|which)\s+(?:remains|is|goes|stays|sits)\s+"
          r"(?:\w+\s+)?(?:uncontracted|unsold|unused|unleased|unrented|idle|unsubscribed)"),
    Frame("backstop_cannot_sell", "backstop",
          r"{A}{__}{v:buy|purchase|absorb|take|cover}\s+(?:any|all)\s+{_}capacity\s+(?:that\s+)?"
          r"{B}\s+(?:cannot|can't|can not|is unable to|doesn't|does not|fails to)\s+"
          r"(?:sell|use|fill|lease)"),
    Frame("backstop_default", "backstop",
          r"{A}{__}{v:pay|cover|guarantee|backstop}\s+{np}{B}{__}"
          r"(?:if|should|in case|in the event)\s+{obj}(?:default|fail|not pay|stop)"),
    Frame("backstop_default_to", "backstop",
          r"{A}{__}{v:pay|cover|guarantee|backstop}{__}(?:rent|lease|payments?|obligations)"
          r"{_}\s+to\s+{np}{B}{_}(?:if|should|in case|in the event)\s+{obj}"
          r"(?:default|fail|not pay|stop)"),
    Frame("backstop_obligations_of", "backstop",
          r"{A}{__}(?:{v:guarantee|cover|backstop}|garanti\w*){__}(?:of\s+|des\s+|de\s+)?{C}"
          r"['’]?s?\s+(?:\w+\s+){0,2}?(?:lease\s+|rent\s+|payment\s+)?(?:payments|obligations|"
          r"rent|lease|loyers)", payee="BENEFICIARY"),
    Frame("backstop_obligations_to", "backstop",
          r"{A}{__}(?:{v:guarantee|cover|backstop}|stand\w*\s+behind|provid\w*\s+credit\s+"
          r"support\s+for|make\s+up\s+(?:any\s+)?shortfall\s+(?:in|on|if)){__}{C}['’]?s?\s+"
          r"{_}(?:payments|obligations|purchases|spending|commitments|rent)\s+(?:to|from|with|at)\s+"
          r"{np}{B}"),
    Frame("guarantee_from_covers", "backstop",
          r"\b(?:guarantee|backstop|credit support)\s+from\s+{A}\s+(?:covers|backs|secures|"
          r"supports)\s+{C}['’]?s?\s+{_}(?:payments|rent|obligations)\s+to\s+{np}{B}"),
    Frame("backstop_extend_guarantee", "backstop",
          r"{A}" + _SUBJ_VERB + r"{v:extend|provide|give|offer}\s+{_}\b(?:guarantee|backstop)"
          r"\s+to\s+"
          r"{np}{B}"),
    Frame("cover_shortfall", "backstop",
          r"{A}" + _SUBJ_VERB + r"(?:{v:cover|make}\s+(?:up\s+)?)(?:the|any)\s+shortfall{_}\b"
          r"(?:at|to|of|on)\s+{np}{B}"),
    Frame("backstop_fr", "backstop",
          r"{A}{_}(?:se\s+porte\s+garant|garanti\w*)\s+{_}(?:engagements|loyers|paiements|"
          r"obligations)\s+(?:de\s+|d['’]|dus\s+par\s+)\s*{C}\s+(?:envers|à|auprès\s+de)\s+{np}{B}"),
    Frame("backstop_capacity_fr", "backstop",
          r"{A}{__}(?:rachet\w*|achet\w*|absorb\w*|reprendr\w*)\s+(?:toute\s+)?(?:la\s+|les\s+)?"
          r"capacités?\s+(?:inutilisées?|non\s+vendues?|invendues?){_}\b(?:de|du|d['’])\s*{np}{B}"),
    Frame("backstop_loyers_fr", "backstop",
          r"{A}{_}garanti\w*{__}(?:loyers|paiements|engagements){__}\bà\s+{np}{B}"),
    # "will provide a guarantee for a $300 million loan to Crusoe": the guarantor backs the
    # borrower; it does not lend.
    Frame("guarantee_for_loan_to", "backstop",
          r"{A}{__}\b(?:(?:guarantee|backstop|credit\s+support)\s+(?:for|on|of|covering)|"
          r"{v:guarantee|backstop})\s+{_}"
          r"\b(?:loan|debt|facility|notes|credit\s+line|financing)\s+(?:to|for|of)\s+{np}{B}",
          confidence=0.95),
    Frame("backstop_verb", "backstop",
          r"{A}{_}\b(?:backstops?|backstopped|backstopping)\s+{np}{B}"),
    # ---------------------------------------------------------------- warrants
    Frame("warrant_grant", "warrant",
          r"{A}{_}(?:{v:grant|issue|give|award|hand}|accord\w*|attribu\w*|émet\w*)\s+"
          r"(?:to\s+|à\s+)?{np}{B}{app}{_}\b(?:warrants?|bons?\s+de\s+souscription|bsa|bsar|"
          r"stock|shares|options|"
          r"droit\s+de\s+souscrire|propres\s+actions)\b"),
    Frame("warrants_issued_to", "warrant",
          r"\bwarrants?\s+{A}\s+(?:had\s+|has\s+|have\s+)?(?:issued|granted|given)\s+to\s+{B}"),
    Frame("issue_shares_to", "warrant",
          r"{A}" + _SUBJ_VERB + r"{v:issue|give|grant}\s+{_}\b(?:shares|stock|equity)\b{_}\bto\s+"
          r"{np}{B}"),
    Frame("warrant_fr", "warrant",
          r"{A}{_}(?:émet\w*|émettra|accord\w*|attribu\w*)\s+{_}"
          r"(?:bons?\s+de\s+souscription|bsa|bsar)\s+"
          r"(?:au\s+profit\s+de|à)\s+{np}{B}"),
    Frame("warrant_grant_to", "warrant",
          r"{A}{_}{v:grant|issue|give|award}{_}\bwarrants?\b{_}\bto\s+{np}{B}"),
    Frame("warrant_right_to_buy", "warrant",
          r"{A}{_}{v:give|grant|issue|offer}\s+{np}{B}\s+(?:the\s+|an?\s+)?(?:right|option)s?\s+"
          r"to\s+(?:buy|purchase|acquire)\s+{_}\bshares"),
    # "des bons de souscription permettant à X d'acquérir 10 % du capital d'Y", "warrants
    # allowing X to buy up to 10% of Y's shares": Y issues them to X.
    Frame("warrants_allowing", "warrant",
          r"\b(?:warrants?|bons?\s+de\s+souscription|bsa|bsar)\s+"
          r"(?:allowing|that\s+allow|which\s+allow|"
          r"giving|entitling|permettant\s+(?:à|au)|qui\s+permettent\s+(?:à|au))\s+{np}{B}\s+"
          r"(?:to\s+|d['’]\s*|de\s+)(?:buy|acquire|purchase|acquérir|acheter|souscrire)\b{_}"
          r"\b(?:shares|stock|stake|capital|actions|titres)\s+(?:of|in|de|du|d['’])\s*{np}{A}"),
    Frame("warrant_receive", "warrant",
          r"{B}{__}(?:{v:receive|get|obtain|secure}|be granted|be issued|was granted|was issued|"
          r"recevr\w*|reçoit|obtiendr\w*)\s+{_}\b"
          r"(?:warrants?|bons?\s+de\s+souscription|bsa|bsar)\b{_}"
          r"(?:of|in|from|on|du|de|d['’])\s*{np}{A}"),
    # ---------------------------------------------------------------- acquisitions
    Frame("acquire_passive", "acquisition",
          r"{B}{app}{__}\b(?:was|is|will be|to be|being|has been|would be|a été|sera|est|"
          r"être|serait|seront|sont)\s+"
          r"(?:\w+\s+)?(?:acquired|bought|purchased|taken over|rachet[ée]e?s?|acquise?s?)\s+"
          r"(?:by|par)\s+" + _COMPANY_NP + r"{A+}"),
    Frame("acquire_noun", "acquisition",
          r"{A}(?:['’]s?)?\s+(?:⟨[MX]\d+⟩\s+)?(?:[\w\-]+\s+){0,3}?(?:takeover|acquisition|buyout|"
          r"purchase)\s+of\s+(?!(?:[\w\-’'.&]+\s+){1,4}?from\s)" + "{np}{B}" + _NOT_GOODS_AFTER),
    Frame("acquire_noun_verb", "acquisition",
          r"{A}{_}\b(?:announced|completed|agreed|closed|explored|proposed|made|launched|"
          r"abandoned|dropped|terminated)\s+(?:an?\s+|the\s+|its\s+)?(?:⟨[MX]\d+⟩\s+)?"
          r"(?:[\w\-]+\s+){0,2}?(?:takeover|acquisition|buyout|bid)\s+(?:of|for)\s+{np}{B}"
          + _NOT_GOODS_AFTER),
    # "Shareholders of Nordcore voted down Halvard's $780 million offer", "Bitfarms' board
    # rebuffed Riot's bid": a takeover reported through the target's answer.
    Frame("target_answers_offer", "acquisition",
          r"\b(?:shareholders|stockholders|board|directors|investors)\s+(?:of|at)\s+{np}{B}\s+"
          + _ANSWERS + r"{A}['’]?s?\s+{_}\b(?:offer|bid|takeover|proposal|buyout)\b"),
    Frame("target_poss_answers_offer", "acquisition",
          r"{B}['’]?s?\s+(?:board|shareholders|stockholders|directors|investors)\s+"
          + _ANSWERS + r"{A}['’]?s?\s+{_}\b(?:offer|bid|takeover|proposal|buyout)\b"),
    Frame("acquire_noun_passive", "acquisition",
          r"\b(?:acquisition|takeover|purchase|buyout)\s+of\s+{np}{B!}\s+by\s+{A}"),
    Frame("merge_with", "acquisition",
          r"{A}" + _SUBJ_VERB + r"(?:{v:agree}\s+to\s+)?merge\s+with\s+{np}{B!}", confidence=0.6),
    Frame("asset_sale_fr", "acquisition",
          r"{B}{_}\b(?:c[eèé]d\w*|vend(?:ra|rait|ant|u|ue|us|ues|re|s|ait)?)\s+(?:(?:à|au)\s+|{_}"
          r"\b(?:à|au)\s+){np}{A}", type_by="sale"),
    # "X closed the sale of its Latin American operations to Y", "an agreement for the sale
    # of 11 data centres to Y": the buyer pays the seller for the business or the sites.
    Frame("sale_of_to", "acquisition",
          r"{B}{__}\b(?:sale|divestiture|disposal)\s+of\s+(?!(?:\w+\s+){0,2}?(?:shares|stock|notes|"
          r"bonds|debt|stake)\b)(?:[^⟨.;!?]|⟨[MXQ]\d+⟩){1,80}?\bto\s+{np}{A!}", type_by="sale"),
    # "X is selling its data centers to A, B and C", "a deal to dump that operation to Y":
    # a business, sites or a stake sold; the buyers pay the seller.
    Frame("sell_business_to", "acquisition",
          r"{B}{__}(?:{v:sell|divest|dump|offload}|spin\w*\s+off)\s+(?!(?:\w+\s+){0,2}?(?:shares|"
          r"stock|notes|bonds|debt|chips|gpus|servers|capacity)\b){_}\b(?:business(?:es)?|"
          r"operations?|units?|division|assets|data\s*cent(?:er|re)s|datacenters|facilit(?:y|ies)|"
          r"sites?|campus(?:es)?|portfolio|plants?|factor(?:y|ies)|subsidiary|arm)\b{_}\bto\s+"
          r"(?:[^⟨.;]{0,80}?\b(?:including|such\s+as|like|namely)\s+)?{np}{A+}", type_by="sale"),
    # "a annoncé la cession d'une participation de 70 % dans son activité ... à Y": the noun
    Frame("sale_noun_to_fr", "acquisition",
          r"{B}{__}\b(?:la\s+|une\s+)?(?:cession|vente)\s+(?:de\s+|d['’]\s*|du\s+|des\s+){__}\b(?:à|au|aux)"
          r"\s+{np}{A+}", type_by="sale"),
    # "buy Sharp's former LCD plant", "acquire X's data-center business": what X owned
    Frame("buy_poss_business", "acquisition",
          r"{A}{__}(?:" + _TO_BUY + r")\s+{np}{B!}['’]s?\s+(?:[\w\-]+\s+|⟨P\d+⟩\s+){0,3}?"
          r"(?:plants?|factory|factories|facility|facilities|sites?|campus(?:es)?|data[\s\-]+cent(?:er|re)s?|business|"
          r"businesses|operations|unit|division|assets|portfolio)\b"),
    Frame("takes_control_of", "acquisition",
          r"{A}{_}\b(?:takes?|took|taking|gains?|gained|gaining|assumes?|assumed|seizes?|seized)\s+"
          r"(?:full\s+|majority\s+)?control\s+of\s+" + _COMPANY_NP + r"{B!}"),
    Frame("purchase_of_poss_business", "acquisition",
          r"{A}{__}\b(?:purchase|acquisition|takeover|buyout)\s+of\s+{np}{B!}['’]s?\s+"
          r"(?:[\w\-]+\s+){0,3}?(?:unit|business|division|operations|plants?|sites?|assets|"
          r"portfolio|data[\s\-]+cent(?:er|re)s?)\b"),
    # "acquire most of the assets of X", "buy substantially all of X's assets"
    Frame("acquire_assets_of", "acquisition",
          r"{A}{__}(?:" + _TO_BUY + r")\s+(?:(?:most|all|substantially\s+all|some|certain|the)\s+"
          r"(?:of\s+)?)?(?:the\s+)?(?:[\w\-]+\s+)?assets\s+of\s+{np}{B!}"),
    # "X has rejected an $800 million acquisition offer from Y"
    Frame("offer_from_answered", "acquisition",
          r"{B}{__}\b" + _ANSWERS + r"(?:⟨[MX]\d+⟩\s+)?(?:[\w\-]+\s+){0,2}?(?:offer|bid|proposal|"
          r"approach)\s+from\s+{np}{A!}"),
    Frame("tender_offer_fr", "acquisition",
          r"{A}{_}(?:offre\s+publique\s+d['’](?:achat|échange)|OPA|offre\s+de\s+rachat)\s+"
          r"(?:sur|de|visant)\s+{np}{B}"),
    Frame("acquire_noun_fr", "acquisition",
          r"\b(?:rachat|acquisition)\s+(?:de\s+|d['’])?{np}{B}\s+par\s+{A}"),
    Frame("acquire_verb", "acquisition",
          r"{A+}{__}" + _TO_BUY + r"\s+" + _COMPANY_NP + r"{B!}" + _NOT_GOODS_AFTER),
    # "is buying German AI cloud company Northern Data": a described company is bought whole,
    # however many words describe it (the head noun before the name says it is a company).
    Frame("acquire_described_company", "acquisition",
          r"{A+}{__}" + _TO_BUY + r"\s+(?:the\s+|an?\s+)?(?:(?!(?:from|of|with|by|to|for|in|"
          r"at|on|and|shares|stock|stakes?|equity|any|all|some|more)\b)[\w\-’'.&]+\s+){0,5}?(?:company|"
          r"startup|start-up|firm|operator|developer|provider|maker|designer|specialist|"
          r"business|rival|owner|miner)\s+{B!}" + _NOT_GOODS_AFTER, confidence=0.95),
    # "has acquired 10 data centers from Cogent": facilities or a business bought from their
    # owner; the seller is paid.
    Frame("acquire_assets_from", "acquisition",
          r"{A}{__}" + _TO_BUY + r"\s+(?![^⟨.;]{0,60}?\b(?:{GOODS}|processing\s+units|"
          r"equipment)\b){_}\b(?:data\s*cent(?:er|re)s?|datacenters?|facilit(?:y|ies)|"
          r"sites?|campus(?:es)?|assets?|portfolio|business(?:es)?|units?|divisions?|operations|"
          r"properties|buildings?|hubs?)\b{_}\bfrom\s+{np}{B}", confidence=0.95),
    Frame("acquire_pay_for", "acquisition",
          r"{A}{__}{v:pay}\s+{_}\bfor\s+{np}{B!}(?=\s*(?:[,.;]|$|\s+(?:for|in|from|and)\b))"),
    # "Schneider Electric a finalisé le rachat de Motivair", "Digital Realty s'offre Nuage
    # Loire": the subject buys the company.
    Frame("acquire_noun_subject_fr", "acquisition",
          r"{A}{__}\b(?:finalis\w*|annonc\w*|boucl\w*|conclu\w*|officialis\w*|réalis\w*|"
          r"lanc\w*|sign\w*|achev\w*|confirm\w*|fini\w*)\s+(?:le|la|l['’]|son|sa)\s*"
          r"(?:rachat|acquisition|reprise)\s+(?:de\s+|d['’]|du\s+|des\s+)\s*{np}{B}"),
    Frame("treats_itself_fr", "acquisition",
          r"{A}{__}\bs['’](?:offre|offrira|est\s+offert|paie|paye|payera|paiera)\s+"
          r"(?:le\s+|la\s+|l['’]\s*|les\s+)?{B!}"),
    # (not "racheter les capacités invendues de B", "acquérir des puces de B": goods or
    # capacity bought from B, not B itself; French verb forms only, not English "acquired")
    Frame("acquire_verb_fr", "acquisition",
          r"{A}{__}(?<!être\s)(?<!été\s)\b(?:rach[eè]t\w*|acquiert|acquièrent|acquér\w+|"
          r"acquerr\w*|acquis|acquise?s)\s+"
          r"(?!(?:[\w\-’']+\s+){0,3}?(?:{GOODS}|{COMPUTE}|puces|serveurs|processeurs)\b){np}{B}"),
    # ---------------------------------------------------------------- equity
    Frame("gapped_invest_as", "equity_investment",
          r"{A}{_}(?:{v:invest|commit}|put\s+in)\s+⟨M\d+⟩"
          r"(?P<A_gapped>(?:\s*,?\s*and\s+⟨P\d+⟩\s+(?:[\w\-]+\s+){0,2}?⟨M\d+⟩)+)"
          r"\s+as\s+{B}\s+(?:closes|raises|completes|wraps)"),
    Frame("gapped_invest", "equity_investment",
          r"{A+M}{_}(?:{v:invest|inject|put|pour}|investi(?:t|s|ra|rait|ront)?\b|inject[eé]\w*|"
          r"met(?:tra|tront|tent|tait)?\b)\s+⟨M\d+⟩"
          r"(?P<A_gapped>(?:\s*,?\s*(?:and|et)\s+⟨P\d+⟩\s+(?:[\w\-]+\s+){0,2}?⟨M\d+⟩)+)"
          r"\s+(?:in|into|dans)\s+{np}{B}"),
    Frame("invest_in", "equity_investment",
          r"{A+}{__}(?:{v:invest|inject|pour|plow|sink|put|pump}|investi(?:r|t|s|e|es|ra|rait|ront|"
          r"raient|ssait|ssent)?\b|inject[eé]\w*|mis\b|met\b(?!\s+with)|mettr\w*)"
          r"(?:\s+(?:money|cash))?{__}\b(?:in|into|dans)\s+{np}{B}"),
    # Social-media register: "nvidia just threw $2B at xai", "amd dropped $300M into vultr",
    # "softbank bankrolls another one: $500M into X": casual verbs of giving with a sum.
    Frame("casual_money_into", "equity_investment",
          r"{A}{__}\b(?:thr[eo]w\w*|toss\w*|drop\w*|chuck\w*|fir(?:e|ed|es|ing)\s+off|"
          r"bankroll\w*|shovel\w*|plough\w*|pump\w*|sank|sunk|sink\w*|pour\w*)\b{_}"
          r"⟨M\d+⟩\s+(?:more\s+|extra\s+)?(?:into|at|in)\s+{np}{B}" + _NOT_GOODS_AFTER,
          confidence=0.8),
    # "msft is about to drop ~$4B on a 5-yr gpu rental with X": money spent with a provider
    Frame("casual_spend_with", "compute_contract",
          r"{A}{__}\b(?:drop\w*|spend\w*|spent|blow\w*|splash\w*)\s+{_}⟨M\d+⟩\s+on\s+{obj}"
          r"\b(?:with|from)\s+{np}{B}", type_by="pay", confidence=0.8),
    # "to spend $300 billion on Oracle": money spent on any company buys what it sells. Beside
    # `spend_on_provider` (a cloud payee, no figure needed), this one needs the figure right
    # before "on"; one frame for both reads "spend part of the money on X switches" too.
    Frame("spend_on_company", "compute_contract",
          r"{A}{__}\b(?:spend\w*|spent)\s+{_}⟨M\d+⟩\s+on\s+{np}{B}"
          r"(?!['’]s?\s|\s*⟨)", type_by="pay", confidence=0.8),
    Frame("stake_in", "equity_investment",
          r"{A}{_}{v:take|buy|acquire|build|get}\s+{_}\bstake\s+in\s+{np}{B}"),
    Frame("investment_in", "equity_investment",
          r"{A}(?:['’]s?)?\s+(?:⟨M\d+⟩\s+)?(?:[\w\-]+\s+){0,2}?(?:investment|stake|bet)\s+in\s+"
          r"{np}{B}"),
    Frame("made_investment_in", "equity_investment",
          r"{A}{_}\b(?:made|makes|make|making|announced|led|completed)\s+(?:an?\s+|its\s+)?"
          r"(?:⟨M\d+⟩\s+)?(?:[\w\-]+\s+){0,3}?investment\s+in\s+{np}{B}"),
    Frame("buy_shares", "equity_investment",
          r"{A+}{__}{v:buy|purchase|acquire|take}{_}\s+(?:of\s+)?{B}(?:['’]s?)?\s+"
          r"(?:[\w\-]+\s+){0,2}?(?:shares|stock|equity|stake)"),
    # "a tender offer to acquire all outstanding shares of X", "buy 100% of the shares of X":
    # every share of a company is the company.
    Frame("acquire_all_shares_of", "acquisition",
          r"{A}{__}{v:buy|purchase|acquire}\s+(?:all|100\s*%)\s+(?:of\s+)?(?:the\s+|its\s+)?"
          r"(?:(?:issued|outstanding|and)\s+)*(?:[\w\-]+\s+)?(?:shares|stock|equity|share\s+capital)"
          r"\s+of\s+{np}{B}", confidence=0.95),
    Frame("buy_shares_of", "equity_investment",
          r"{A}{__}{v:buy|purchase|acquire|subscribe}{_}\b(?:shares|stock|equity|units)\b{_}"
          r"\bof\s+{np}{B}"),
    # "agreed to sell a minority stake in X to Y": Y invests in X (the seller is paid, but the
    # stake is in X).
    Frame("sell_stake_in_to", "equity_investment",
          r"{v:sell}\s+(?:an?\s+|its\s+|the\s+)?(?:[\w\-%]+\s+){0,3}?(?:stake|interest|holding)\s+in\s+"
          r"{np}{B}\s+to\s+{np}{A+}", confidence=0.95),
    Frame("sell_shares_to", "equity_investment",
          r"{B}{__}{v:sell}{_}(?:shares|stock|equity|stake){_}\bto\s+{np}{A}"),
    Frame("buy_shares_in", "equity_investment",
          r"{A}" + _SUBJ_VERB + r"{v:buy|purchase|acquire|take}{_}\b(?:shares|stock|stake|equity)"
          r"\s+in\s+{np}{B}"),
    Frame("notes_bought_by", "equity_investment",
          r"\b(?:{DEBT}|shares|stock|notes)\b{_}\b(?:(?:were|was|are|is|been)\s+)?(?:bought|"
          r"purchased|acquired|taken\s+up|snapped\s+up|subscribed)\s+by\s+{A}",
          payee="SUBJECT", type_by="noun"),
    Frame("join_capital_fr", "equity_investment",
          r"{A}{_}(?:entr\w+\s+au\s+capital|(?:pren\w+|pris)\s+une\s+participation{_})\s+"
          r"(?:de\s+|d['’]|dans\s+)\s*{np}{B}"),
    Frame("round_subscribers_fr", "equity_investment",
          r"{B}{__}(?:tour\s+de\s+table|levée\s+de\s+fonds|augmentation\s+de\s+capital){__}"
          r"(?:auquel|à\s+laquelle|auxquels)\s+ont\s+(?:souscrit|participé)\s+{A+}"),
    Frame("sell_to_shares", "equity_investment",
          r"{B}{__}(?:{v:issue}\s+and\s+)?{v:sell}\s+to\s+{A}{_}(?:shares|stock)"),
    Frame("backs", "equity_investment",
          r"{A}\s+(?:is\s+)?(?:backs|backed|backing)\s+(?:[A-Z][\w\-]*\s+){0,3}?{B}",
          confidence=0.7),
    Frame("backed_by", "equity_investment",
          r"{B}{app}{_}\b(?:was|is|has been|were|been|are)\s+(?:\w+\s+)?(?:backed|funded|"
          r"bankrolled|financed)\s+by\s+{A+}", type_by="noun"),
    Frame("fund", "equity_investment",
          r"{A}" + _SUBJ_VERB + _FUND_AS_NOUN + r"{v:fund|bankroll}{_}\s+(?:of\s+)?(?:⟨Q\d+⟩\s+)?"
          r"{B!}",
          type_by="noun", confidence=0.75),
    Frame("led_round_in", "equity_investment",
          r"{A+}" + _SUBJ_VERB + r"(?:{v:lead|anchor|join}|co-lead\w*|co-led|participat\w*\s+in)"
          r"\s+{_}\b(?:round|series\s+\w+|funding|raise|financing)\s+(?:in|of|for|into)\s+{np}{B}",
          type_by="noun"),
    Frame("planned_investment_in", "equity_investment",
          r"{A}{__}\b(?:an?|its|the)\s+(?:planned\s+|proposed\s+|potential\s+)?(?:⟨M\d+⟩\s+)?"
          r"(?:[\w\-]+\s+){0,2}?investment\s+in\s+{np}{B}", confidence=0.7),
    Frame("join_round", "equity_investment",
          r"{A+}{_}(?:{v:anchor|lead|join|back}|co-lead\w*|co-led|participat\w*\s+in|invest\w*\s+in)"
          r"\s+{np}{B}['’]s?\s+(?:⟨[MX]\d+⟩\s+)?(?:[\w\-]+\s+){0,3}?(?:round|raise|funding|"
          r"series\s+\w+|financing|ipo|share sale|placement|fundraising|capital raise)"),
    Frame("investors_in", "equity_investment",
          r"{A+}{_}\b(?:is|are|was|were|became|become|as)\s+(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?"
          r"(?:investors?|backers?|shareholders?|stakeholders?)\s+in\s+{np}{B}"),
    Frame("round_led_by", "equity_investment",
          r"{B}{__}(?:{v:raise|close|secure|land|announce|complete}|lev\w*|boucl\w*|clôtur\w*|"
          r"finalis\w*|annonc\w*){__}(?:round|funding|"
          r"financing|raise|investment|{DEBT}|tour de table){_}\b(?:co-)?(?:led|menée?)\s+"
          r"(?:by|par)\s+{A+}", type_by="noun"),
    Frame("round_participants", "equity_investment",
          r"{B}{__}{v:raise|close|secure|land|announce|complete}{__}(?:round|funding|financing|"
          r"raise|investment){__}\bwith\s+{A+}\s+(?:also\s+)?(?:participating|joining)",
          type_by="noun"),
    Frame("raising_and_investors", "equity_investment",
          r"{B}{_}\b(?:is|are|was)\s+raising{__}\b(?:and|with|as)\s+{A+}\s+(?:\w+\s+){0,6}?"
          r"(?:invest|put money in|participate|chip in|contribute|back)", confidence=0.8),
    Frame("goods_secured_from", "compute_contract",
          r"{A}{__}{v:secure|get|obtain|book|reserve|land|win|buy|purchase|rent|source|lock}"
          r"(?:\s+up)?\s+{_}(?:{COMPUTE}|{GOODS})\s+(?:[\w\-]+\s+){0,2}?from\s+{np}{B}",
          type_by="pay"),
    Frame("raise_from", "equity_investment",
          r"{B}{__}(?:{v:raise|secure|receive|get|obtain|land|win|collect|draw|clinch|"
          r"close|add|tap|seek}|lined\s+up|line\s+up|lines\s+up|lining\s+up|is\s+getting)"
          r"{__}\bfrom\s+{np}{A+}", type_by="noun"),
    Frame("poss_money_from", "equity_investment",
          r"{B}['’]s?\s+(?:⟨M\d+⟩\s+)?(?:[\w\-]+\s+){0,3}?(?:{DEBT}|facility|investment|funding|"
          r"financing)\s+from\s+{np}{A}", type_by="noun"),
    Frame("money_from_to", "equity_investment",
          r"⟨M\d+⟩\s+(?:[\w\-]+\s+){0,2}?(?:{DEBT}|investment|equity investment|funding)\s+"
          r"from\s+{np}{A}\s+to\s+{np}{B}", type_by="noun"),
    Frame("money_from", "equity_investment",
          r"⟨M\d+⟩\s+(?:[\w\-]+\s+){0,2}?(?:investment|equity investment|cash injection|"
          r"loan|credit facility|funding|commitment)\s+from\s+{np}{A+}", payee="SUBJECT",
          type_by="noun"),
    Frame("raise_from_fr", "equity_investment",
          r"{B}{__}(?:lev[ée]\w*|lèver\w*|obtenu|obtient|décroch\w*)"
          r"{__}(?:(?:auprès\s+(?:de\s+|d['’])|de\s+la\s+part\s+(?:de\s+|d['’]))\s*{np}|"
          r"de\s+(?:la\s+|l['’]\s*)?)\s*{A+}",
          type_by="noun"),
    Frame("brought_by_fr", "equity_investment",
          r"{B}{__}(?:lev\w*){__}\b(?:apporté|apportés|fourni|fournis|souscrit)\w*\s+par\s+{A+}"),
    Frame("round_of_fr", "equity_investment",
          r"{A}{_}\b(?:pris part|participé|particip\w+)\s+(?:au|à\s+la)\s+(?:tour de table|levée|"
          r"augmentation de capital)\s+(?:de\s+|d['’])\s*{B}"),
    # ---------------------------------------------------------------- loans
    Frame("gapped_lend", "loan",
          r"{A+M}{_}{v:lend|loan|provide|extend}\s+⟨M\d+⟩"
          r"(?P<A_gapped>(?:\s*,?\s*and\s+⟨P\d+⟩\s+(?:[\w\-]+\s+){0,2}?⟨M\d+⟩)+)"
          r"\s+(?:to|for)\s+{np}{B}"),
    Frame("lend_passive", "loan",
          r"{B}{__}\b(?:be|been|was|were|is|are)\s+(?:lent|loaned|advanced)\s+{_}by\s+{np}{A}"),
    Frame("lend_to", "loan", r"{A}" + _SUBJ_VERB + r"{v:lend|loan|advance}\s+{np}{B}"),
    Frame("bought_notes_sold", "loan",
          r"{A+}" + _SUBJ_VERB + r"(?:{v:buy|purchase}|took\s+up|take\s+up){_}"
          r"\b(?:{DEBT}|notes|bonds)"
          r"\s+(?:that\s+)?{B}\s+(?:sold|issued|offered|priced)"),
    # "Pemberton bought $1 billion of Tallis Cloud's senior notes": the buyer of a company's
    # debt securities lends to it
    Frame("bought_poss_notes", "loan",
          r"{A+}" + _SUBJ_VERB + r"(?:{v:buy|purchase|acquire}|took\s+up|snapped\s+up){_}"
          r"\bof\s+{B}['’]s?\s+(?:[\w\-%.]+\s+){0,3}?(?:notes|bonds|debentures|debt)\b"),
    Frame("bonds_subscribed_fr", "loan",
          r"\b(?:obligations|actions|titres)\s+émises?\s+par\s+{B}\s+{_}souscrites?\s+par\s+{A}",
          type_by="noun"),
    Frame("lend_sum_to", "loan",
          r"{A+}" + _SUBJ_VERB + r"{v:lend|loan|advance}\s+{_}\bto\s+{np}{B}"),
    Frame("notes_placed_with", "loan",
          r"{B}" + _SUBJ_VERB + r"(?:placed|sold|issued|priced)\s+{_}(?:{DEBT}|notes|bonds){_}"
          r"\b(?:with|to)\s+{np}{A}"),
    Frame("provided_financing", "loan",
          r"{A}" + _SUBJ_VERB + r"{v:provide|arrange|supply|lead|originate}\s+"
          r"(?:the\s+|a\s+|an\s+)?(?:⟨M\d+⟩\s+)?(?:[\w\-]+\s+){0,3}?(?:financing|loan|debt|credit|facility)\b",
          payee="CONTEXT"),
    Frame("lend_fr", "loan", r"{A}{_}\bprêt\w*\s+{_}\b(?:à|au|aux)\s+{np}{B}"),
    # (the verb, not the adjective or the noun: "la direction financière de X", "un accord de
    # financement de 100 M$" finance nothing by themselves)
    Frame("finance_fr", "loan",
          r"{A}{_}\bfinanc(?!i[eè]re?s?\b|iers?\b|ements?\b)\w+{obj}\b(?:de|d['’]|du)\s*{np}{B}",
          confidence=0.7),
    Frame("finance", "loan",
          r"{A+}" + _SUBJ_VERB + r"{v:finance|refinance|underwrite}\s+(?:the\s+)?{B}",
          type_by="noun"),
    Frame("borrow_from", "loan", r"{B}{__}{v:borrow}{__}\bfrom\s+{np}{A+}"),
    Frame("provide_debt_with", "loan",
          r"{A}{__}{v:provide|extend|offer|arrange}\s+{np}{B}{app}\s+with\s+{_}(?:{DEBT}|"
          r"financing)"),
    Frame("lend_amount_to", "loan",
          r"{A+}{_}(?:{v:lend|loan|advance|extend|provide|arrange|underwrite|originate}|"
          r"accord\w*|"
          r"octroy\w*|consenti\w*){__}(?:{DEBT}|financing){_}\b(?:to|à|au|aux)\s+{np}{B}"),
    # "commits $30 billion to Azure": money committed to a hyperscaler is spent on its cloud
    Frame("commit_money_to_cloud", "compute_contract",
          r"{A+}{_}{v:commit}\s+{_}⟨M\d+⟩{_}\bto\s+{np}{B}", requires_payee="hyperscaler"),
    # "Lenders including A and B have extended it billions of dollars in loans", "extended
    # Y a $2B credit line": the lenders lend to whoever is extended the credit.
    Frame("extend_credit_to", "loan",
          r"{A+}{__}{v:extend|advance|grant}\s+{B}\s+(?:(?:[\w\-$]+\s+){0,5}?(?:in\s+)?{DEBT}|"
          r"(?:an?\s+)?(?:⟨M\d+⟩\s+)?(?:[\w\-]+\s+){0,2}?{DEBT})\b"),
    Frame("provide_money_to", "equity_investment",
          r"{A+}{_}{v:provide|extend|commit|contribute}\s+{_}⟨M\d+⟩{_}(?:{DEBT}|{EQUITY}|"
          r"financing|funding)?{_}\bto\s+{np}{B}", type_by="noun"),
    Frame("lead_debt_for", "loan",
          r"{A+}{_}(?:{v:lead|arrange|underwrite|provide|originate}){__}"
          r"(?:{DEBT}|financing|debt package){_}\b(?:to\s+finance|to\s+fund|for)\s+{np}{B}"),
    Frame("lenders_including", "loan",
          r"{B}{__}(?:{DEBT}|facility|financing){__}\blenders\b{_}\b(?:including|led by)\s+{A+}"),
    # "borrowed $2B from a group of banks led by X", "a emprunté auprès d'un groupe de banques
    # mené par X": the banks of the group lend.
    Frame("bank_group_led_by", "loan",
          r"{B}{__}(?:{v:borrow}|emprunt\w*|{DEBT}|facility|financing){__}\b(?:from|auprès\s+"
          r"d['’]un|with)\s+(?:an?\s+)?(?:group|consortium|syndicate|club|groupe|pool)\s+"
          r"(?:of|de)\s+(?:[\w\-]+\s+){0,2}?(?:banks|lenders|banques|prêteurs)\s*,?\s+"
          r"(?:led\s+by|menée?\s+par|including|dont|comprenant)\s+{np}{A+}"),
    # ---------------------------------------------------------------- leases
    Frame("lease_passive", "lease",
          r"\b(?:leased|rented|subleased|let)\s+to\s+{A}\s+by\s+{np}{B}"),
    Frame("leaseback", "lease",
          r"{A}{_}{v:sell}\s+{_}\bto\s+{np}{B}{_}\band\s+(?:⟨[PQ]\d+⟩\s+)?(?:leased|rented)\s+"
          r"(?:it|them)\s+back"),
    Frame("lease_at_site", "lease",
          r"{A}" + _SUBJ_VERB + r"{v:lease|rent}\s+{_}\bat\s+{np}{B}"),
    Frame("lease_at_fr", "lease",
          r"{A}{_}\blou\w+\s+{_}\b(?:au|à\s+la|dans\s+le|sur\s+le)\s+(?:campus|site|centre\s+de\s+"
          r"données|data\s*cent(?:er|re))\s+(?:de\s+)?{B}"),
    Frame("loyers_dus_fr", "lease",
          r"\b(?:loyers|paiements)\s+dus\s+par\s+{A}\s+(?:à|au)\s+{np}{B}"),
    Frame("lease_poss", "lease",
          r"{A}" + _SUBJ_VERB + r"{v:lease|rent|sublease|occupy|take}\s+{_}(?:of\s+|at\s+|in\s+)?"
          r"{B}['’]s?\s+(?:[\w\-⟨⟩.\d]+\s+){0,4}?{SPACE}"),
    Frame("host_servers_fr", "lease",
          r"{B}{_}\bhéberg\w+\s+(?:les\s+)?(?:serveurs|machines|GPU|charges|modèles)\s+"
          r"(?:de\s+|d['’])\s*{A}"),
    Frame("pay_to_lease", "lease",
          r"{A}{__}{v:pay}\s+{B}{__}\bto\s+(?:lease|rent)\b"),
    # "Oxagon will lease Datavolt the land": the landlord leases the tenant the site.
    Frame("lease_someone_the_site", "lease",
          r"{B}{__}{v:lease|rent}\s+{A}\s+(?:the\s+|a\s+|its\s+)?(?:[\w\-]+\s+){0,2}?(?:land|site|"
          r"building|facility|space|campus|plot|premises|data\s*cent(?:er|re))\b"),
    # "entered into a $N agreement to secure 40 megawatts of capacity at Y's data center":
    # space taken at a landlord's site is leased.
    Frame("secure_megawatts_at", "lease",
          r"{A}{__}\b(?:secur|reserv|lease|leas|rent|tak|contract)\w*\s+(?:[\w\-]+\s+){0,3}?"
          r"(?:megawatts|MW|halls?|space)\b(?:\s+of\s+(?:[\w\-]+\s+){0,2}?capacity)?\s+(?:at|in)\s+"
          r"{np}{B}['’]s?\s+(?:[\w\-]+\s+){0,3}?(?:data\s*cent(?:er|re)|campus|facility|site)"),
    Frame("tenant_of", "lease",
          r"{A}{_}\b(?:anchor\s+)?tenant\s+(?:of|at|in|for)\s+{np}{B}"),
    Frame("lease_at", "lease",
          r"{A}{__}{v:sign|ink|take|enter|agree}{__}\blease{__}\b(?:at|in|on)\s+{np}{B}"),
    Frame("lease_from", "lease",
          r"{A}" + _SUBJ_VERB + r"(?:{v:lease|sublease}|lou\w+)\b{__}\b(?:from|auprès\s+de)\s+"
          r"{np}{B}"),
    # "X louera à Y ...": to rent to Y or from Y, French says both; what each party is decides.
    Frame("lease_to_fr", "lease", r"{A}{_}\blou\w+\s+{_}\b(?:à|au)\s+{np}{B}", confidence=0.8,
          direction="by_kind", type_by="noun"),
    Frame("rent_from", "lease",
          r"{A}" + _SUBJ_VERB + r"{v:rent}\b{__}\b(?:from|through|via|on)\s+{np}{B}",
          type_by="rent"),
    Frame("rent_out_to", "compute_contract",
          r"{B}{__}\b(?:{v:rent|lease}\s+(?:out\s+)?(?:them\s+|it\s+|{_}(?:{COMPUTE}|{GOODS}|{SPACE})"
          r"{_})|rents?\s+out\s+{_})\bto\s+{np}{A}", type_by="rent"),
    Frame("rent_provider", "compute_contract",
          r"{A}" + _SUBJ_VERB + r"{v:rent|tap}\s+{B}\b", requires_payee="cloud"),
    # ---------------------------------------------------------------- compute contracts
    Frame("pay_for", "compute_contract",
          r"{A}{__}(?:{v:pay|spend}|versera\w*|verse\w*|paiera\w*|payer)\s+(?:à\s+)?{B+M}"
          r"{__}\b(?:for|pour|to\s+(?:access|use|run))\b", type_by="pay"),
    # "has paid $700M in advance to A and B to secure memory": the payees follow the sum.
    Frame("pay_sum_to", "compute_contract",
          r"{A}{__}(?:{v:pay|prepay|advance|wire|remit}|paid)\s+(?:(?:about|roughly|nearly|some|"
          r"an?\s+(?:additional|extra|further))\s+)?⟨M\d+⟩\s+(?:(?:in\s+advance|upfront|up\s+front|"
          r"in\s+cash|in\s+prepayments?|in\s+deposits?)\s+)?to\s+{np}{B+}", type_by="pay"),
    # "nvidia just handed coreweave another $2B", "X gave Y $50M": money given to a company
    # with no word of what for funds it (an equity investment unless the words say a loan)
    Frame("give_money", "equity_investment",
          r"{A}{__}(?:{v:give|hand|wire|pump}|sent|threw|thrown|slipped)\s+(?:over\s+)?{np}{B}\s+"
          r"(?:another\s+|an?\s+(?:additional|extra|fresh|further|cool)\s+|a\s+)?⟨M\d+⟩",
          type_by="noun", confidence=0.8),
    Frame("write_check_to", "equity_investment",
          r"{A}{__}\b(?:wr[io]te|writes|writing|written|cut|cuts|cutting)\s+(?:a|an)\s+"
          r"(?:[\w\-]+\s+)?⟨M\d+⟩\s+(?:[\w\-]+\s+)?(?:check|cheque)\s+(?:to|for)\s+{np}{B}",
          type_by="noun", confidence=0.8),
    Frame("pay_plain", "compute_contract",
          r"{A}{__}(?:{v:pay}|versera\w*|paiera\w*)\s+(?:à\s+)?{B+M}\s*(?:[\w\-]+\s+){0,4}?⟨M\d+⟩",
          type_by="pay", confidence=0.8),
    Frame("pay_to_fr", "compute_contract",
          r"{A}{__}(?:versera\w*|verse\w*|paiera\w*){__}\bà\s+{B}", type_by="pay"),
    Frame("receive_from_fr", "compute_contract",
          r"{B}{_}\b(?:recevra|reçoit|percevra|touchera)\s+(?:de|d['’])\s*{A}", type_by="pay"),
    Frame("buy_compute_from", "compute_contract",
          r"{A}{__}{v:buy|purchase|use|tap|access|book|contract|order|reserve}{__}{COMPUTE}{_}"
          r"\b(?:from|on|through|via|with)\s+{np}{B}"),
    Frame("buy_of_compute", "compute_contract",
          r"{A}" + _SUBJ_VERB + r"{v:buy|purchase|use|tap|book|reserve}{_}\s+(?:of\s+)?{B}"
          r"(?:['’]s?)?\s+"
          r"(?:\w+\s+){0,2}?{COMPUTE}"),
    Frame("provider_gives_access", "compute_contract",
          r"{B+}{__}{v:give|provide|offer|grant}\s+{A}\s+(?:\w+\s+){0,2}?access\b"),
    Frame("provider_supplies_compute", "compute_contract",
          r"{B+}{__}(?:{v:provide|supply|give|deliver|offer|sell}|fourni\w*)\s+(?:à\s+)?{A}{app}"
          r"\s+(?:with\s+)?{obj}{COMPUTE}"),
    Frame("provider_compute_to", "compute_contract",
          r"{B+}{__}{v:provide|supply|deliver|offer|sell|resell}\s+{_}{COMPUTE}{_}"
          r"\bto\s+{np}{A+}"),
    # "financing for the purchase of X GPU chips by Y": a purchase as a noun, its buyer after
    # "by"
    Frame("purchase_of_goods_by", "purchase",
          r"\b(?:purchase|procurement|buying|order|acquisition)\s+(?:and\s+[\w\-]+\s+)?of\s+"
          r"(?:[\w\-]+\s+){0,3}?{B}(?:['’]s?)?\s+(?:[\w\-]+\s+){0,2}?{GOODS}\s+by\s+{np}{A}"),
    # "Nvidia would provide Halvern with chips": the one provided with goods buys them
    Frame("provide_with_goods", "purchase",
          r"{B+}{__}{v:provide|supply|equip|furnish}\s+{np}{A}{app}\s+with\s+{_}{GOODS}"),
    Frame("compute_resold_to", "compute_contract",
          r"{COMPUTE}\s+(?:that|which)\s+{B}\s+(?:will\s+|would\s+)?(?:then\s+)?"
          r"(?:resell|sell|rent|lease|provide)\w*\s+(?:it\s+)?to\s+{A}"),
    Frame("compute_supplied_to", "compute_contract",
          r"(?:supplied|provided|delivered|sold|shipped|made available)\s+to\s+{A}\s+by\s+"
          r"{np}{B}", type_by="noun"),
    Frame("added_as_provider", "compute_contract",
          r"{A}{_}{v:add|choose|select|pick|tap|sign}\s+{B}\s+as\s+(?:a|an|its|their)\s+"
          r"(?:\w+\s+){0,2}?(?:provider|supplier|partner|vendor)"),
    Frame("customer_of", "compute_contract",
          r"{A}{_}\b(?:is|was|became|becomes|as)\s+(?:a|an|the|one of)\s+(?:\w+\s+){0,3}?"
          r"customers?\s+of\s+{np}{B}", confidence=0.7, type_by="noun"),
    # "X is one of Y's biggest customers", "X, Y's largest customer, ...", "X remains Y's
    # top client": a customer pays its vendor (for capacity or goods, typed by the nouns).
    Frame("customer_poss", "compute_contract",
          r"{A}{_}(?:\b(?:is|was|became|becomes|remains|remained|as)|,)\s+(?:also\s+)?(?:one\s+of\s+)?"
          r"{np}{B}['’]s?\s+(?:[\w\-]+\s+){0,2}?(?:customers?|clients?|tenants?)\b",
          confidence=0.7, type_by="pay"),
    # "The latter is the former's landlord", "Y, X's main supplier, ...", "Y est le
    # fournisseur de X": the one who rents out or supplies is paid.
    Frame("supplier_poss", "compute_contract",
          r"{B}{_}(?:\b(?:is|was|became|becomes|remains|remained|as)|,)\s+(?:also\s+)?(?:one\s+of\s+)?"
          r"{np}{A}['’]s?\s+(?:[\w\-]+\s+){0,2}?(?:landlord|lessor|supplier|suppliers|vendor|"
          r"provider|second\s+source|host)\b", confidence=0.7, type_by="pay"),
    # "Y's customers include A and B", "Y signed three labs as customers: A, B and C", "Y
    # revendique des clients tels que A, B et même C": each listed customer pays its vendor.
    Frame("customers_listed", "compute_contract",
          r"{B}{__}\b(?:customers?|clients?|tenants?)(?:\s+[\w\-]+){0,2}?\s*(?::|,?\s+(?:such\s+"
          r"as|including|like|include|includes|included|tels?\s+que|telles?\s+que|comme|dont|"
          r"notamment|parmi\s+lesquels))\s+(?:même\s+|notamment\s+)?{A+}",
          confidence=0.7, type_by="pay"),
    Frame("counts_among_customers", "compute_contract",
          r"{B}{_}\b(?:counts?|counted|counting|lists?|listed|names?|named)\s+{A+}\s+(?:among|"
          r"as)\s+(?:its|their|his|her|⟨Q\d+⟩)\s+(?:[\w\-]+\s+){0,2}?(?:customers|clients|tenants)\b",
          confidence=0.7, type_by="pay"),
    # "X owes Y $300B", "X still owes Y billions for the campus": a debt of payment.
    Frame("owes", "compute_contract",
          r"{A}{_}\b(?:owes|owed|owing|will\s+owe)\s+{np}{B}(?!['’]s?\s)",
          type_by="pay", confidence=0.75),
    # "X pays Y to train / run / host ...": a casual verb of paying for a service.
    Frame("pays_to_use", "compute_contract",
          r"{A}{__}{v:pay}\s+{np}{B}\s+(?:to|for)\s+(?:train|run|host|serve|power|rent|use|"
          r"build|make|supply|deliver|provide)\w*\b", confidence=0.75, type_by="pay"),
    Frame("run_on", "compute_contract",
          r"{A}" + _SUBJ_VERB + r"{v:run|host|train|deploy}\s+{_}\bon\s+{np}{B}",
          requires_payee="cloud"),
    Frame("order_for_from", "purchase",
          r"{A}(?:['’]s?)?{_}\border\s+(?:for|of)\s+{obj}{GOODS}\s+from\s+{np}{B}"),
    # "Samsung's $3 billion purchase of bonders from Hanmi", "walked away from a planned
    # purchase of GB300 systems from Supermicro": whatever is bought from a vendor, unless it
    # is the vendor's shares.
    Frame("purchase_of_from", "purchase",
          r"{A}(?:['’]s?)?{_}\b(?:purchase|procurement|order)\s+of\s+(?!(?:its\s+|their\s+)?"
          r"(?:shares|stock|stake|equity|a\s+stake)\b)(?:[^⟨.;!?]|⟨[MXP]\d+⟩){1,60}?\bfrom\s+"
          r"{np}{B}"),
    Frame("offtake", "purchase",
          r"{A}{__}\b(?:offtake|take|buy|purchase)\w*\s+{_}output\s+of\s+{np}{B}"),
    Frame("buy_goods_brand_fr", "purchase",
          r"{A}{__}(?:achet\w*|achèt\w*|command\w*)\s+{obj}{GOODS}\s+(?:de\s+|d['’])?{B}"),
    Frame("signed_customer", "compute_contract",
          r"{A}" + _SUBJ_VERB + r"{v:sign|land|win|add}\s+{np}{B}\s+(?:as\s+(?:a|an|its)\s+"
          r"(?:\w+\s+)?(?:customer|client|tenant)|for\s+(?:another\s+|a\s+)?⟨M)",
          direction="by_kind", type_by="noun", confidence=0.7),
    Frame("tap_for", "compute_contract",
          r"{A}" + _SUBJ_VERB + r"{v:tap|hire|pick|choose|select|enlist}\s+{np}{B}\s+for\s+{_}"
          r"(?:{COMPUTE}|{GOODS})", type_by="pay"),
    Frame("said_will_pay", "compute_contract",
          r"{B}\s+(?:said|says|disclosed){_}\b{A}{app}{_}\b(?:will|would|has\s+agreed\s+to|agreed\s+"
          r"to)\s+pay\b{_}⟨M", type_by="pay"),
    Frame("payments_to", "compute_contract",
          r"{A}['’]s?\s+(?:⟨[MX]\d+⟩\s+)?(?:(?:of|in)\s+)?(?:[\w\-]+\s+){0,2}?(?:payments|rent|"
          r"obligations|spending)\s+(?:to|at)\s+{np}{B}", type_by="pay", confidence=0.7),
    Frame("provider_compute_to_fr", "compute_contract",
          r"{B}{_}(?:fourni\w*|livrer\w*|mettr\w*\s+à\s+disposition)\s+{_}{COMPUTE}{_}"
          r"\b(?:à|au|aux)\s+{np}{A}"),
    Frame("reserve_capacity_fr", "compute_contract",
          r"{A}{__}(?:réserv\w*|achet\w*|lou\w*)\s+{obj}(?:capacités?|puissance){obj}\bauprès\s+"
          r"(?:de\s+|d['’])\s*{B}"),
    Frame("host_workloads", "compute_contract",
          r"{B}" + _SUBJ_VERB + r"{v:host|serve|run|power}\s+{np}{A}['’]s?\s+(?:[\w\-]+\s+){0,2}?"
          r"(?:workloads?|models?|training|inference|compute|clusters?|servers?|gpus?|ai)\b"),
    Frame("spend_on_provider", "compute_contract",
          r"{A}{__}{v:spend|commit}{_}\bon\s+{np}{B}(?!['’]s?\s)", requires_payee="cloud"),
    Frame("customer_will_rent", "compute_contract",
          r"{B}\s+(?:said|says|announced){_}\b{A}\s+(?:will\s+|would\s+)?(?:rent|use|buy)\w*"
          r"{__}\bfrom\s+(?:it|them)\b"),
    # ---------------------------------------------------------------- purchases
    Frame("supply_goods_with", "purchase",
          r"{B+}{__}(?:{v:supply|provide|deliver|sell|ship}|fourni\w*)\s+(?:à\s+)?{A}{app}\s+"
          r"(?:with\s+)?{obj}{GOODS}"),
    Frame("supply_goods_to", "purchase",
          r"{B+}{__}{v:supply|provide|deliver|sell|ship}\s+{_}{GOODS}{_}\b(?:to|for)\s+{np}{A}"),
    Frame("goods_bought_from_by", "purchase",
          r"(?:bought|purchased|ordered|acquired)\s+from\s+{np}{B}\s+by\s+{np}{A}"),
    Frame("buy_goods_of", "purchase",
          r"{A+}{__}(?:{v:buy|purchase|order|deploy|use|acquire|procure|source|reserve|book}|"
          r"spend\w*{_}\bon|achèt\w*|command\w*|signed\s+up\s+for|committed\s+to)\s+{obj}"
          r"(?:of\s+|de\s+|d['’])?{B}"
          r"(?:['’]s?)?\s+(?:[\w\-]+\s+){0,5}?{GOODS}"),
    Frame("buy_goods_from", "purchase",
          r"{A}{__}(?:{v:buy|purchase|order|source|procure|receive}|achèt\w*|achet\w*|command\w*|"
          r"pass\w*\s+(?:une\s+)?commande|t(?:ook|ake|akes)\s+delivery\s+of){__}{GOODS}"
          r"{_}\b(?:from|de|du|des|auprès\s+de|chez)\s+{np}{B}"),
    Frame("buyer_of_goods", "purchase",
          r"{A}{_}\b(?:buyers?|customers?|purchasers?)\s+of\s+{np}{B}(?:['’]s?)?\s+"
          r"(?:\w+\s+){0,2}?{GOODS}"),
    Frame("customer_behind_order", "purchase",
          r"{B}\s+(?:said|says|disclosed|confirmed|revealed){_}\b{A}\s+(?:was|is)\s+the\s+"
          r"customer\s+(?:behind|for)"),
    # ---------------------------------------------------------------- deals with two parties
    # "... pay Oracle $300B, and its contracts with CoreWeave": the possessor of a deal noun
    # in a coordinated clause ("and its") is its party; a company named before a possessive
    # pronoun is never the party of the pronoun's deal (deal_with)
    Frame("and_its_deal_with", "compute_contract",
          r"\band\s+⟨Q(?P<A>\d+)⟩\s+{DEAL}\b{_}\b(?:with|w/|avec)\s+{np}{B}",
          direction="by_kind", type_by="noun", confidence=0.75),
    Frame("deal_with", "compute_contract",
          r"{A}{__}(?<!⟨Q\d⟩\s)(?<!⟨Q\d\d⟩\s){DEAL}\b{_}\b(?:with|w/|avec)\s+{np}{B}",
          direction="by_kind", type_by="noun", confidence=0.75),
    Frame("deal_poss_with", "compute_contract",
          r"{A}(?:['’]s?)\s+{_}{DEAL}\s+(?:with|w/|avec)\s+{np}{B}",
          direction="by_kind", type_by="noun", confidence=0.75),
    Frame("contract_signed_by_fr", "compute_contract",
          r"\b(?:contrat|accord|bail)\s+(?:de\s+\w+\s+)?sign[ée]\s+par\s+{A}\s+avec\s+{np}{B}",
          direction="by_kind", type_by="noun", confidence=0.75),
    Frame("deal_binding_fr", "compute_contract",
          r"\b(?:contrat|accord)\s+(?:liant|entre)\s+{A}\s+(?:à|et)\s+{B}",
          direction="by_kind", type_by="noun", confidence=0.75),
    Frame("talks_with_over", "compute_contract",
          r"{A}{__}\b(?:talks|discussions|negotiations|négociations|pourparlers)\s+(?:with|w/|avec)"
          r"\s+{B}\s+(?:over|about|on|for|pour|sur|concernant|to)\s+{_}(?:{DEAL}|investment|stake|"
          r"acheter|achat|louer|buy|purchase|rent|lease)",
          direction="by_kind", type_by="noun", confidence=0.7),
    # "is in talks with Pilgrim Bank for another $3 billion": money sought from a lender is
    # borrowed (from an investor, raised)
    Frame("talks_with_backer_for_sum", "equity_investment",
          r"(?<!from\s)(?<!with\s)(?<!by\s){B}{__}\b(?:talks|discussions|negotiations|"
          r"négociations|pourparlers)\s+(?:with|avec)\s+{A}\s+(?:for|over|about|pour|sur)\s+(?:another\s+|an?\s+(?:additional|further|"
          r"new)\s+|un\s+(?:nouveau|autre)\s+)?⟨M\d+⟩", type_by="noun", confidence=0.7),
    Frame("landed_contract_from_fr", "compute_contract",
          r"{B}{__}(?:décroch\w*|obtenu|remport\w*|sign[ée]\w*)\s+auprès\s+(?:de\s+|d['’])\s*{A}",
          type_by="noun"),
)

# Verbs that start a verb phrase whose subject is the sentence's subject when it follows "and"
# ("OpenAI signed ... and will also buy $350 million of CoreWeave stock").
COORDINATED_VERBS = (
    "invest buy purchase acquire pay lease rent lend sell supply provide deliver grant issue "
    "receive get raise secure sign spend order deploy use commit take back cover absorb rent "
    "guarantee grant fund join lead own hold"
).split()
