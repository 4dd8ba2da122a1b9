"""Frames for money stated as nouns: funding rounds with investors in roles around them,
stakes and shareholdings, and lenders named around the loan they provide.

News states many investments without a verb of investing: "X's $600 million Series C, led by
Y with participation from Z", "Y led the round", "Y took a 5% stake in X", "Y, which owns 12%
of X", "X counts Y as its largest shareholder". A stake is evidence of an investment; a stake
sold, denied or only valued is not (status and negation rules apply as for every frame). These
frames come after the verb frames of `transform.deals.frames`: for one pair and one trigger, a
verb frame that matched first wins.
"""

from __future__ import annotations

from transform.deals.frames import Frame

# A round as a noun: "Series C", "seed extension", "growth round", "private placement".
_ROUND = (r"(?:(?:[\w\-]+\s+){0,2}?(?:round|raise|funding|financing|placement|"
          r"series\s+[a-z](?:-\d)?\b|seed(?:\s+extension)?|fundraising|capital\s+raise))")
_LED = r"(?:co-)?(?:led|headed|anchored|spearheaded|co-led)"
_PERCENT = r"(?:about\s+|roughly\s+|nearly\s+|around\s+|some\s+|almost\s+|over\s+)?" \
           r"[\d.,]+\s*(?:%|percent|per\s+cent)"
# The leader of a round is its investor, not the company raising it.
_NOT_LEADER = r"(?!\s+(?:also\s+)?(?:co-)?(?:led|leads|headed|anchored)\b)"
# ", which was materially upsized,": a relative clause inside a round's noun phrase
_RELATIVE = r"(?:\s*,\s*(?:which|that)\s[^,⟨;.]{1,80},)?"
_HOLDING = r"(?:stakes?|holdings?|interests?|shareholdings?|positions?|participations?)"
# "7.7 million shares of", "about 200,000 preferred shares in"
_SHARE_COUNT = (r"(?:about\s+|roughly\s+|nearly\s+|around\s+|some\s+|more\s+than\s+|over\s+)?"
                r"[\d][\d.,]*\s*(?:million|billion|thousand|m|bn|k)?\s+(?:[\w\-]+\s+){0,2}?"
                r"shares\s+(?:of|in)\s+")

HOLDING_FRAMES: tuple[Frame, ...] = (
    # ---------------------------------------------------------------- rounds as nouns
    Frame("poss_round_led_by", "equity_investment",
          r"{B}(?:['’]s?)?\s+(?:⟨[MX]\d+⟩\s+)?" + _ROUND + r"{_},?\s*" + _LED + r"\s+by\s+{A+}",
          type_by="noun"),
    Frame("round_was_led_by", "equity_investment",
          r"{B}{__}" + _ROUND + r"\s+(?:was|were|is|has\s+been|will\s+be)\s+" + _LED +
          r"\s+by\s+{A+}", type_by="noun"),
    Frame("round_participation_from", "equity_investment",
          r"{B}" + _NOT_LEADER + r"(?:['’]s?)?{__}" + _ROUND + r"{obj}\b(?:with\s+)?"
          r"(?:participation|money|"
          r"investment)\s+(?:also\s+)?(?:from|by)\s+{np}{A+}", type_by="noun"),
    Frame("round_with_joining", "equity_investment",
          r"{B}" + _NOT_LEADER + r"(?:['’]s?)?{__}" + _ROUND + r"{obj}\bwith\s+{A+}\s+"
          r"(?:also\s+)?(?:joining|"
          r"participating|taking\s+part|investing|chipping\s+in)", type_by="noun"),
    Frame("led_the_round", "equity_investment",
          r"{A+}\s+(?:also\s+)?(?:co-led|co-leads|led|leads|headed|anchored|joined|backed)\s+"
          r"(?:the|this|that|its|their)\s+(?:new\s+)?" + _ROUND, payee="TOPIC",
          type_by="noun"),
    Frame("joined_round_context", "equity_investment",
          r"{A+}\s+(?:also\s+|have\s+also\s+|has\s+also\s+)?(?:joined|took\s+part|participated|"
          r"chipped\s+in|came\s+in|(?:was|were)\s+(?:also\s+)?involved)(?:\s+(?:in|to)\s+(?:the|this|that|its)\s+(?:new\s+|latest\s+)?"
          + _ROUND + r")?(?=\s*(?:[.;]|$|,\s+(?:the|according|said)|,?\s+(?:along\s+with|"
          r"alongside|together\s+with)\b))",
          payee="TOPIC", confidence=0.7),
    # "A took part, along with B and C": the co-investors named after the one who took part
    Frame("took_part_alongside", "equity_investment",
          r"\b(?:took\s+part|participated|joined|invested|chipped\s+in|came\s+in)(?:\s+(?:in|to)"
          r"\s+(?:the|this|that|its)\s+(?:new\s+|latest\s+)?" + _ROUND + r")?\s*,?\s+"
          r"(?:along\s+with|alongside|together\s+with)\s+(?:(?:new|existing|other|fellow)\s+)?"
          r"(?:(?:investors?|backers?)\s+)?{np}{A+}", payee="TOPIC", confidence=0.7),
    # "The round was co-led by A and B", "This latest funding round, led by A with support
    # from B", "... and attracted backing from investors including C", "Investors in the round
    # include D": the round of the company an earlier sentence was about.
    Frame("the_round_led_by", "equity_investment",
          r"\b(?:the|this|that|its|their)\s+(?:new\s+|latest\s+|equity\s+)*" + _ROUND +
          _RELATIVE + r"(?:\s+(?:was|were|is|has\s+been|will\s+be))?\s*,?\s+" + _LED +
          r"\s+by\s+{np}{A+}", payee="TOPIC", type_by="noun"),
    # "The financing was provided by a syndicate of banks that includes A, B and C", "the full
    # amount of which was committed by A and B", "The facility is underwritten by A": the
    # lenders of a financing whose borrower an earlier sentence named.
    Frame("the_financing_provided_by", "loan",
          r"\b(?:the|this|that|its|their|which|whose)\s+(?:[\w\-]+\s+){0,3}?"
          r"(?:financing|facility|facilities|loans?|debt|package|tranches?|notes|credit|"
          r"commitments?|amount)\b(?:[^⟨.;]|⟨[MX]\d+⟩|(?<=\d)\.(?=\d)){0,90}?"
          r"\b(?:was\s+|were\s+|is\s+|are\s+|being\s+|been\s+)?(?:provided|committed|arranged|"
          r"underwritten|extended|syndicated|funded|financed|made\s+available|"
          r"led(?=\s+by\s+an?\s+(?:syndicate|consortium|group|club|pool)\s+of\s+"
          r"(?:[\w\-]+\s+){0,3}?"
          r"(?:banks|lenders|institutions)))\s+"
          r"(?:(?!by\b)[\w\-]+\s+){0,4}?by\s+(?:a\s+)?(?:(?:syndicate|consortium|group|club|"
          r"pool)\s+of\s+(?:[\w\-]+\s+){0,3}?(?:banks|lenders|investors|institutions)"
          r"(?:\s*[,–—:]\s*|\s+)(?:(?:(?:that|which)\s+(?:includes?|included)|including|led\s+by|"
          r"comprising)\s+)?)?"
          r"{np}{A+}", payee="TOPIC", type_by="noun", confidence=0.8),
    # "A, B and C have committed to the facility", "A has subscribed to the round": the
    # lenders or investors of the financing whose company an earlier sentence named.
    Frame("committed_to_the_financing", "loan",
          r"{A+}{_}\b(?:have|has|had)\s+(?:\w+\s+)?(?:committed|subscribed|contributed)\s+to\s+"
          r"(?:the|this|its|their)\s+(?:[\w\-]+\s+){0,2}?(?:facility|loan|financing|debt|round|"
          r"raise|notes|funding)\b", payee="TOPIC", type_by="noun", confidence=0.8),
    # "a roster of backers that now includes A, B and C", "the backing of investors like A"
    Frame("roster_of_backers_includes", "equity_investment",
          r"\b(?:roster|list|group|slate|line-up|lineup)\s+of\s+(?:[\w\-]+\s+)?(?:backers|"
          r"investors|shareholders)\s+(?:that|which)\s+(?:now\s+|also\s+)?(?:includes?|included|"
          r"counts)\s+{np}{A+}", payee="TOPIC", confidence=0.8),
    Frame("backing_of_investors_like", "equity_investment",
          r"\b(?:backing|support)\s+of\s+(?:[\w\-]+\s+)?(?:investors|backers|shareholders)\s+"
          r"(?:like|such\s+as|including)\s+{np}{A+}", payee="TOPIC", confidence=0.8),
    # "... term loan commitments of $750 million, all of which were provided by A and B"
    Frame("commitments_all_of_which_provided_by", "loan",
          r"\b(?:(?:loan|credit|debt)\s+commitments?|financing|facility|facilities|loans?|debt|"
          r"notes|credit|commitments?)\s+(?:of\s+⟨M\d+⟩\s*)?,?\s*"
          r"(?:all|each|most|some|part|portions?)\s+of\s+which\s+"
          r"(?:was|were|is|are|has\s+been|have\s+been|will\s+be)\s+(?:provided|committed|"
          r"funded|extended|underwritten)\s+by\s+{np}{A+}", payee="TOPIC", type_by="noun",
          confidence=0.8),
    # "The funding comes from a mix of investors, including A, B and C", "This was followed
    # by a Series A, raising $200M from a consortium including A and B": a round whose
    # company an earlier sentence named.
    Frame("the_round_comes_from", "equity_investment",
          r"\b(?:the|this|that|its|their)\s+(?:new\s+|latest\s+|equity\s+)*(?:⟨[MX]\d+⟩\s+)?"
          + _ROUND + _RELATIVE + r"\s+(?:comes?|came|is\s+coming)\s+from\s+{obj}"
          r"(?:\bincluding|\bsuch\s+as|\bled\s+by|\bamong\s+them)\s+{np}{A+}", payee="TOPIC",
          type_by="noun"),
    Frame("round_raising_from", "equity_investment",
          r"^(?:(?!⟨P)[^.;])*?\b" + _ROUND + r"{_},\s*(?:raising|bringing\s+in|securing)\s+"
          r"(?:approximately\s+|about\s+|some\s+|nearly\s+)?(?:⟨[MX]\d+⟩\s+)?from\s+{np}"
          r"(?:(?:[\w\-]+\s+){0,3}?(?:including|such\s+as|led\s+by)\s+)?{A+}",
          payee="TOPIC", type_by="noun"),
    # "Sakana AI's journey began with a $30 million seed round, led by A and B"
    Frame("with_a_round_led_by", "equity_investment",
          r"{B}{__}\b(?:with|in|through|via)\s+(?:a|an|the|its)\s+(?:⟨[MX]\d+⟩\s+)?" + _ROUND +
          r"{_},?\s*" + _LED + r"\s+by\s+{A+}", type_by="noun"),
    Frame("the_round_backing_from", "equity_investment",
          r"\b(?:the|this|that|its|their)\s+(?:new\s+|latest\s+|equity\s+)*" + _ROUND +
          r"{obj}\b(?:attracted|drew|received|included|includes|had|saw|with)\s+(?:backing|"
          r"participation|money|investment|funding|support|commitments?)\s+(?:also\s+)?"
          r"(?:from|by)\s+{np}{A+}", payee="TOPIC", type_by="noun"),
    Frame("the_round_includes", "equity_investment",
          r"\b(?:the|this|that|its)\s+(?:new\s+|latest\s+)?(?:⟨[MX]\d+⟩\s+)?" + _ROUND +
          r"(?:\s*,\s*(?:which|that))?"
          r"\s+(?:also\s+)?(?:includes|included|include|drew\s+in|brought\s+in|counts)\s+"
          r"(?:money\s+from\s+|investments?\s+from\s+)?{np}{A+}", payee="TOPIC",
          type_by="noun"),
    Frame("investors_in_the_round_include", "equity_investment",
          r"\b(?:investors|participants|backers)\s+in\s+(?:the|this|that|its)\s+"
          r"(?:new\s+|latest\s+)?" + _ROUND + r"\s+(?:include|included|includes|are|were)\s+"
          r"(?:also\s+)?{np}{A+}", payee="TOPIC", type_by="noun"),
    # "Investors included A, B and C", "Backers include A", "Other new strategic investors
    # participating in the round include A", "They joined existing investors A and B": the
    # investors of the company an earlier sentence was about.
    Frame("investors_include", "equity_investment",
          r"^\W*(?:(?:other|new|existing|returning|early|strategic|financial|additional|"
          r"notable|previous|current|and)\s+){0,4}(?:investors|backers|shareholders|"
          r"participants)(?:\s+(?:in|participating\s+in|taking\s+part\s+in|joining)\s+"
          r"(?:the|this|that|its)\s+(?:[\w\-]+\s+){0,2}?" + _ROUND + r")?\s+"
          r"(?:include|included|includes|are|were|comprise|comprised)\s+(?:also\s+)?{np}{A+}",
          payee="TOPIC"),
    # "X has some big investors, including A, B and C" ("X's backers include A" is
    # `shareholders_include`).
    Frame("has_investors_including", "equity_investment",
          r"{B}\s+(?:has|had|have|boasts|counts)\s+(?:(?:some|several|many|a\s+few|big|"
          r"major|notable|powerful|deep-pocketed|other|existing|strategic)\s+){0,3}"
          r"(?:investors|backers|shareholders)\s*,?\s+(?:including|such\s+as|like|among\s+them)"
          r"\s+{np}{A+}", confidence=0.8),
    # "des soutiens déjà connus de Mistral comme A, B et C", "existing backers of X such as A
    # and B": the backers of the company named, listed.
    Frame("backers_of_such_as", "equity_investment",
          r"\b(?:investisseurs|actionnaires|soutiens|bailleurs\s+de\s+fonds|investors|backers|"
          r"shareholders)\s+(?:[\w\-]+\s+){0,3}?(?:de\s+|du\s+|d['’]\s*|of\s+){np}{B}\s*,?\s+"
          r"(?:comme|tels\s+que|telles\s+que|notamment|dont|such\s+as|like|including)\s*:?\s*"
          r"{np}{A+}", confidence=0.75),
    # "une liste de clients IA de Google Cloud : A, B et C", "X's customers include A and B":
    # the customers pay the provider for what it sells.
    Frame("customers_of_listed", "compute_contract",
          r"\b(?:clients?|customers|clientèle)\s+(?:[\w\-]+\s+){0,2}?(?:de\s+|du\s+|d['’]\s*|of\s+)"
          r"{np}{B}\s*(?::|\s+(?:include|included|includes|comptent|incluent|are|sont)\b:?)\s*"
          r"{np}{A+}", type_by="pay", confidence=0.75),
    # "X revendique des investisseurs tels que : A, B et C", "X compte parmi ses actionnaires A"
    Frame("has_investors_including_fr", "equity_investment",
          r"{B}{__}\b(?:des|ses|parmi\s+ses|les)\s+(?:[\w\-]+\s+){0,2}?(?:investisseurs|"
          r"actionnaires|soutiens|bailleurs\s+de\s+fonds)\s+(?:[\w\-]+\s+){0,2}?(?:tels\s+que|"
          r"comme|dont|parmi\s+lesquels|notamment)\s*:?\s*{np}{A+}", confidence=0.75),
    Frame("joined_existing_investors", "equity_investment",
          r"\b(?:join|joins|joined|joining|alongside|along\s+with|together\s+with)\s+"
          r"(?:existing|other|previous|returning|earlier)\s+"
          r"(?:investors|backers|shareholders)\s*,?\s*(?:such\s+as\s+|including\s+|like\s+)?"
          r"{np}{A+}", payee="TOPIC", confidence=0.8),
    # "A led the round along with new investor B", "Along with new investors A and B, ...
    # also took part": the investors named beside the leader.
    Frame("led_the_round_along_with", "equity_investment",
          r"\b(?:co-led|led|leads|headed|anchored|joined)\s+(?:the|this|that|its|their)\s+"
          r"(?:new\s+)?" + _ROUND + r"\s*,?\s+(?:along|together)\s+with\s+{np}{A+}",
          payee="TOPIC", type_by="noun"),
    Frame("along_with_investors", "equity_investment",
          r"^\W*(?:along|together)\s+with\s+(?:(?:new|existing|other|returning)\s+)?"
          r"(?:investors?|backers?|shareholders?)\s+{A+}{obj}\b(?:also\s+)?(?:took\s+part|"
          r"participated|joined|invested|chipped\s+in)\b", payee="TOPIC"),
    # "B also plans to participate as a new investor", "B is joining as a strategic backer":
    # an investor of the round the text is about.
    Frame("participates_as_investor", "equity_investment",
          r"{A+}{__}\b(?:participat(?:e|es|ed|ing)|join(?:s|ed|ing)?|invest(?:s|ed|ing)?|"
          r"(?:come|comes|came|coming)\s+in|took\s+part|take\s+part|taking\s+part|takes\s+part)"
          r"\s+as\s+(?:an?\s+)?(?:[\w\-]+\s+){0,2}?"
          r"(?:investors?|backers?|shareholders?)\b", payee="TOPIC", confidence=0.8),
    # "Tallis Cloud (NASDAQ: TLLS), a GPU cloud provider backed by Y, said ...": an
    # appositive that says who backs the company before it
    Frame("appositive_backed_by", "equity_investment",
          r"{B}(?:\s*\([^()⟨]{0,40}\))?\s*,\s+(?:an?|the)\s+(?:[\w\-]+\s+){0,5}?(?:backed|funded|"
          r"bankrolled)\s+by\s+{np}{A+}", confidence=0.8),
    Frame("added_as_shareholders", "equity_investment",
          r"{B}{__}\b(?:adding|added|adds|welcom\w+|brought\s+in|bringing\s+in)\s+{A+}\s+as\s+"
          r"(?:new\s+|an?\s+|its\s+)?(?:[\w\-]+\s+){0,2}?(?:shareholders?|investors?|backers?)"),
    Frame("among_poss_investors", "equity_investment",
          r"{A+}{_}\b(?:is|are|was|were)\s+(?:among|one\s+of)\s+{B}(?:['’]s?)?\s+(?:[\w\-]+\s+){0,2}?"
          r"(?:investors|backers|shareholders|holders)\b"),
    # "Led by Lifeline Ventures with participation from A and B, this capital injection ..."
    Frame("fronted_led_by", "equity_investment",
          r"^\W*(?:co-)?(?:led|headed|anchored)\s+by\s+{np}{A+}(?=\s*(?:,|with\b))",
          payee="TOPIC", confidence=0.8),
    Frame("among_investors_in", "equity_investment",
          r"{A+}{_}\b(?:is|are|was|were)\s+(?:among|one\s+of)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}?"
          r"(?:investors|backers|shareholders|holders|stakeholders)\s+(?:in|of|behind)\s+{_}{B}"),
    # "Magnetar is CoreWeave's largest shareholder", "Kestrel, Varda's biggest investor,":
    # holding a company's shares is evidence of an investment in it.
    Frame("is_shareholder_of", "equity_investment",
          r"{A+}\s*(?:,|\b(?:is|are|was|were|remains|remain|became|becomes)\s+(?:now\s+|also\s+)?)"
          r"\s*(?:the\s+|an?\s+|one\s+of\s+)?{B}(?:['’]s?)?\s+(?:(?:largest|biggest|second-largest|"
          r"third-largest|top|main|lead|anchor|early|existing|controlling|majority|minority|"
          r"strategic|single\s+largest)\s+)*(?:shareholders?|investors?|backers?|owners?|"
          r"stakeholders?)\b"),
    Frame("round_consists_of_from", "equity_investment",
          r"(?:round|raise|funding|financing|investment|capital|deal|transaction|package|loan|"
          r"facility)\s+(?:consists\s+of|includes|included|comprises|is\s+made\s+up\s+of)\s+"
          r"⟨M\d+⟩\s+from\s+{np}{A}",
          payee="SUBJECT", type_by="noun"),
    Frame("and_money_from", "equity_investment",
          r"⟨M\d+⟩\s+from\s+⟨P\d+⟩{_}\band\s+{M}\s+from\s+{np}{A}",
          payee="SUBJECT", type_by="noun", confidence=0.8),
    # ---------------------------------------------------------------- lenders named around a loan
    Frame("loan_provided_to_by", "loan",
          r"\b{DEBT}{_}\b(?:was|were|is|are|has\s+been|have\s+been|will\s+be)\s+(?:provided|extended|"
          r"made|granted|arranged|advanced|committed)\s+to\s+{np}{B}\s+by\s+{np}{A+}",
          confidence=0.95),
    Frame("financing_for_arranged_by", "loan",
          r"(?:{DEBT}|financing|facility)\s+(?:for|to)\s+{np}{B}{_}\b(?:was|were|is|are|has\s+"
          r"been|will\s+be)\s+(?:arranged|provided|led|underwritten|funded|extended|syndicated)\s+"
          r"by\s+{np}{A+}"),
    Frame("facility_provided_by", "loan",
          r"{B}{__}(?:{DEBT}|facility|financing)\s+(?:provided|arranged|extended|underwritten)\s+"
          r"by\s+{np}{A+}"),
    # "The loan, provided by X, ...", "The lender, X, ...", "X is acting as the initial
    # lender": the lender of the loan an earlier sentence was about.
    Frame("the_loan_provided_by", "loan",
          r"\b(?:the|this|that)\s+(?:[\w\-]+\s+){0,2}?(?:{DEBT}|facility|financing)\s*,?\s+"
          r"(?:was\s+|is\s+|will\s+be\s+|has\s+been\s+)?(?:provided|arranged|extended|made|"
          r"underwritten|led|funded|granted)\s+by\s+{np}{A+}", payee="TOPIC"),
    Frame("the_lender_is", "loan",
          r"\b(?:the|its|their)\s+(?:sole\s+|lead\s+|initial\s+|only\s+|main\s+)?lenders?\s*"
          r"(?:,|:|\s+(?:is|was|are|were|will\s+be|include|included|includes))\s+{np}{A+}",
          payee="TOPIC"),
    Frame("is_the_lender", "loan",
          r"{A+}\s+(?:is|was|are|were|will\s+be|is\s+acting\s+as|acts\s+as|acted\s+as|"
          r"served\s+as|serves\s+as)\s+(?:the\s+|an?\s+)?[\"“]?(?:sole\s+|lead\s+|initial\s+|"
          r"only\s+|main\s+)?lenders?\b", payee="TOPIC"),
    Frame("bought_bonds_issued_by", "loan",
          r"{A+}{_}{v:buy|purchase|acquire|take}{_}\b(?:{DEBT}|notes|bonds|debentures)\s+"
          r"(?:issued|sold|offered)\s+by\s+{np}{B}"),
    # ---------------------------------------------------------------- who put in how much
    Frame("paid_for_percent_of", "equity_investment",
          r"{A}{_}\b(?:paid|pays|pay|will\s+pay|spent|spends)\s+⟨M\d+⟩\s+for\s+(?:a\s+)?"
          r"[\d.,]+\s*(?:%|percent)\s+(?:stake\s+)?(?:of|in)\s+{np}{B}"),
    # frames.tap_for reads "taps Y for GPUs"; this one a purpose that names no goods ("picks
    # Fluidstack for its supercomputer", "turns to Y to", "a choisi Y pour"): Y's trade types it.
    Frame("picks_provider", "compute_contract",
          r"{A}{app}\s+(?:{v:pick|tap|choose|select|enlist|hire}|turn(?:s|ed)?\s+to|a\s+choisi|"
          r"choisit|se\s+tourne\s+vers|s['’]est\s+tourné\w*\s+vers|(?:a\s+)?fait\s+appel\s+à|"
          r"(?:a\s+)?recour\w*\s+à|(?:a\s+)?fait\s+confiance\s+à)\s+{B}\s+(?:for|to|pour)\b",
          type_by="pay", confidence=0.75),
    Frame("poss_money_in", "equity_investment",
          r"{A}(?:['’]s?)?\s+⟨M\d+⟩\s+(?:(?:equity\s+)?(?:investment|injection|cheque|check|bet)\s+)?"
          r"(?:in|into)\s+(?:the\s+)?{B}"),
    # ---------------------------------------------------------------- takeovers as nouns
    Frame("bid_for", "acquisition",
          r"{A}(?:['’]s?)?\s+(?:⟨[MX]\d+⟩\s+)?(?:[\w\-]+\s+){0,2}?(?:bid|offer|tender\s+offer|"
          r"approach)\s+(?:for|to\s+(?:buy|acquire))\s+{np}{B}"),
    Frame("folded_into", "acquisition",
          r"{B}{_}\b(?:was|were|is|has\s+been|will\s+be)\s+(?:folded|absorbed|merged)\s+into\s+"
          r"{np}{A}"),
    # ---------------------------------------------------------------- purchases as nouns
    Frame("poss_purchase_of_brand", "purchase",
          r"{A}(?:['’]s?)?\s+(?:⟨M\d+⟩\s+)?(?:[\w\-]+\s+){0,2}?(?:purchase|order|buy|acquisition)\s+"
          r"of\s+(?:[\w,\-]+\s+){0,3}?{B}(?:['’]s?)?\s+(?:[\w\-]+\s+){0,3}?{GOODS}\b",
          confidence=0.95),
    Frame("poss_purchase_of_goods_from", "purchase",
          r"{A}(?:['’]s?)?\s+(?:⟨M\d+⟩\s+)?(?:[\w\-]+\s+){0,2}?(?:purchase|order|buy|acquisition)\s+"
          r"of\s+{_}\b{GOODS}\b{_}\bfrom\s+{np}{B}", confidence=0.95),
    Frame("right_to_buy_shares", "warrant",
          r"{B}{_}\b(?:gets|got|receives?|received|obtains?|obtained|(?:was|were|has\s+been)\s+"
          r"granted)\s+(?:the\s+|a\s+)?(?:right|option|warrants?)\s+(?:to\s+(?:buy|purchase|"
          r"acquire)\s+|for\s+|covering\s+)?{_}{A}(?:['’]s?)?\s+(?:[\w\-]+\s+){0,2}?(?:shares|stock)"),
    Frame("spend_to_buy_brand", "purchase",
          r"{A}{_}\b(?:{v:spend|commit|pay|earmark}|set\s+aside)\s+⟨M\d+⟩\s+(?:to\s+(?:buy|purchase|"
          r"acquire|order)|on|for)\s+{_}{B}(?:['’]s?)?\s+(?:[\w\-]+\s+){0,3}?{GOODS}\b",
          confidence=0.95),
    Frame("brand_goods_from_vendor", "purchase",
          r"{A}{__}(?:{v:buy|purchase|order|acquire|procure|source}|achèt\w*|achet\w*|command\w*)"
          r"\s+{_}(?:⟨P\d+⟩\s+)?(?:[\w\-]+\s+){0,2}?{GOODS}\s+(?:[\w\-]+\s+){0,2}?(?:from|auprès\s+de|"
          r"chez)\s+{np}{B}", confidence=0.95),
    # ---------------------------------------------------------------- purchases through use
    Frame("goods_bought_by", "purchase",
          r"{B}\s+(?:[\w\-]+\s+){0,2}?{GOODS}\s+(?:[\w\-]+\s+){0,2}?(?:bought|purchased|ordered|"
          r"acquired|procured)\s+by\s+{np}{A}"),
    Frame("bought_from_fronted", "purchase",
          r"\b(?:that|which)\s+{A}\s+(?:has\s+|had\s+|have\s+)?(?:bought|purchased|ordered|"
          r"acquired|procured|sourced)\s+from\s+{np}{B+}", type_by="pay"),
    Frame("vendor_customer", "purchase",
          r"{A}\s*,\s*(?:a|an|the|another|one)\s+(?:[\w\-]+\s+){0,2}?{B}\s+(?:customer|client|"
          r"buyer|user)\b", type_by="pay", confidence=0.75),
    Frame("vendor_customer_fronted", "purchase",
          r"\b(?:a|an)\s+(?:[\w\-]+\s+){0,2}?{B}\s+(?:customer|client|buyer|user)\b{_},\s*{A}",
          type_by="pay", confidence=0.75),
    # ---------------------------------------------------------------- licences
    # The licensee pays the licensor; with staff hired as well it is an acqui-hire
    # (`type_by="licence"`): "A licensed its models to B", "B will license A's designs",
    # "B licensed technology from A", "A granted B a licence".
    Frame("licensed_to", "purchase",
          r"{B}{_}\blicen[cs]\w*\s+(?:its|their|⟨Q\d+⟩)\s+{obj}\bto\s+{np}{A!}",
          type_by="licence"),
    Frame("license_poss", "purchase",
          r"{A}{_}\blicen[cs](?:e|es|ed|ing)\s+{np}{B!}(?:['’]s?)?\s+(?:[\w\-]+\s+){0,3}?"
          r"(?:technology|technologies|models?|designs?|patents?|IP|intellectual\s+property|"
          r"software|chips?|architecture|platform|know-how)\b", type_by="licence"),
    Frame("license_from", "purchase",
          r"{A}{_}\blicen[cs](?:e|es|ed|ing)\s+{obj}\bfrom\s+{np}{B!}", type_by="licence"),
    Frame("granted_licence", "purchase",
          r"{B}{_}\b(?:grant|grants|granted|granting|gave|gives|give|sold|sells)\s+{np}{A!}\s+"
          r"(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?licen[cs]es?\b", type_by="licence"),
    # "X walked away from its planned takeover by Y", "X agreed to its sale to Y": the
    # target's own takeover, named after it.
    Frame("own_takeover_by", "acquisition",
          r"{B}{__}(?:\b(?:its|their)|⟨Q\d+⟩)\s+(?:planned\s+|proposed\s+|pending\s+|potential\s+|"
          r"agreed\s+)?(?:⟨[MX]\d+⟩\s+)?(?:takeover|acquisition|buyout|sale)\s+(?:by|to)\s+"
          r"{np}{A!}"),
    # ---------------------------------------------------------------- stakes, shareholdings
    Frame("holds_stake_in", "equity_investment",
          r"{A}{_}(?:{v:take|buy|acquire|build|get|hold|own|have|increase|raise|boost|lift|"
          r"double|up|amass|weigh|consider|seek})\s+(?:its\s+|a\s+|an\s+|the\s+)?{_}" + _HOLDING +
          r"(?:\s+of\s+{_})?\s+(?:in|of)\s+(?:the\s+(?:equity|capital|shares|share\s+capital)\s+"
          r"of\s+)?{np}{B}"),
    Frame("owns_percent_of", "equity_investment",
          r"{A}{_}\b(?:owns|owned|holds|held|controls|controlled|has|had)\s+" + _PERCENT +
          r"\s+(?:of|in)\s+{np}{B}"),
    # "X, which holds 7.7 million shares of A and 24.2 million shares of B": a count of shares
    # held is a stake as much as a percentage is.
    Frame("holds_shares_of", "equity_investment",
          r"{A}{_}\b(?:owns|owned|holds|held|has|had|controls|controlled)\s+" + _SHARE_COUNT +
          r"{np}{B}(?P<B_gapped>(?:\s*,?\s*(?:and\s+)?" + _SHARE_COUNT + r"⟨P\d+⟩)*)"),
    Frame("poss_percent_stake", "equity_investment",
          r"{A}(?:['’]s?)?\s+(?:" + _PERCENT + r"\s+)?(?:[\w\-]+\s+){0,2}?" + _HOLDING +
          r"\s+in\s+{np}{B}"),
    # "Cette société est en partie détenue par l'investisseur TINC", "X is majority owned by
    # Y": an owner (not a parent of a wholly owned subsidiary) holds equity in it.
    Frame("owned_by", "equity_investment",
          r"{B}{_}\b(?:is|are|was|were|remains|est|sont|était|étaient)\s+(?:(?:now|also|partly|"
          r"partially|majority|minority|jointly|en\s+partie|majoritairement|conjointement|"
          r"désormais|aussi|notamment)\s+)*(?:owned|détenue?s?|contrôlée?s?|possédée?s?)\s+"
          r"(?:[\w\-,’']+\s+){0,4}?(?:by|par)\s+{np}{A+}", confidence=0.75),
    # "X's backers include A", "X's main investor is A", "X's shareholders include the
    # region's largest insurer A": a description may stand before the first of them.
    Frame("shareholders_include", "equity_investment",
          r"{B}(?:['’]s?)?\s+(?:[\w\-]+\s+){0,3}?(?:shareholders?|investors?|backers?|owners)\s+"
          r"(?:include|included|includes|including|are|were|is|was|comprise|comprised)\s*:?\s+"
          r"(?:also\s+)?(?:the\s+|an?\s+)?(?:[\w\-’'.&]+\s+){0,6}?{A+}"),
    Frame("counts_as_shareholder", "equity_investment",
          r"{B}{_}\b(?:counts?|counted|lists?|listed|names?)\s+{A+}\s+(?:as|among)\s+{_}"
          r"(?:shareholders?|investors?|backers?|owners?)"),
)
