"""Modality as grammar over the parse: a table of constructions.

Every sentence is invented; the actors (Norland, Kestria, Veloria, Ardenia, Minister Tomas Brel,
President Ilse Varga, ...) are fictional. Each row names the predicate whose modality is read: its
surface form and, where the word occurs more than once, which occurrence (0-based).

Labels follow the project's four values:

* ``asserted``: reported as having happened or as happening (past, present, perfect, passive,
  reported speech with a plain report verb, relative clauses giving background, before/after
  clauses);
* ``planned``: future, scheduled or intended ("will", "is to", "is set / due / scheduled /
  expected / poised to", "plans / intends / aims to", "agreed to", future time expressions,
  "the upcoming visit", "next week's talks");
* ``hypothetical``: conditional, modal, proposed, urged, hoped for, tried, possible, alleged,
  questioned. Decisions taken here: the content of an accusation ("accused X of supplying") is
  hypothetical while the accusation itself is asserted; a threat or warning is asserted while the
  threatened act is hypothetical; an attempt ("tried to", "attempted to") is hypothetical, since
  the act is not reported as done; "reportedly" hedges the act (hypothetical);
* ``denied``: negated, denied, refused, failed, ruled out, cancelled, "without ...ing".
"""
from __future__ import annotations

import pytest

from dyad.extract.events.modality import modality
from dyad.nlp import analyze

A, P, H, D = "asserted", "planned", "hypothetical", "denied"


def xfail(*row, reason):
    return pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=reason))


ROWS = [
    # --- asserted: simple past / present, perfect, passive --------------------------------------
    ("Norland sent aid to Kestria.", "sent", 0, A),
    ("The Ardan army shelled the border town on Sunday.", "shelled", 0, A),
    ("Kestria imports grain from Veloria.", "imports", 0, A),
    ("Norland is negotiating with Kestria over the dam.", "negotiating", 0, A),
    ("Norland has signed the trade pact with Veloria.", "signed", 0, A),
    ("The two ministers have met three times this year.", "met", 0, A),
    ("The ceasefire agreement was signed in Lisvik.", "signed", 0, A),
    ("The accord has been ratified by the Kestrian parliament.", "ratified", 0, A),
    ("The envoy had already left Norland when the shelling started.", "left", 0, A),
    ("Prisoners were released by the rebels on Friday.", "released", 0, A),
    ("Minister Tomas Brel visited Kestria last week.", "visited", 0, A),
    ("Last week's talks ended without a breakthrough.", "talks", 0, A),
    # --- future auxiliaries and periphrastic futures ---------------------------------------------
    ("Minister Tomas Brel will travel to Kestria.", "travel", 0, P),
    ("The two sides shall meet again in the capital.", "meet", 0, P),
    ("We'll send a delegation to Veloria, the minister said.", "send", 0, P),
    ("Norland is going to meet Kestrian officials.", "meet", 0, P),
    ("President Ilse Varga is set to visit Ardenia.", "visit", 0, P),
    ("The delegation is due to arrive in Lisvik on Thursday.", "arrive", 0, P),
    ("The foreign ministers are scheduled to meet in Geneva.", "meet", 0, P),
    ("Norland plans to open an embassy in Kestria.", "open", 0, P),
    ("Kestria intends to expand military cooperation with Veloria.", "expand", 0, P),
    ("The coalition aims to sign a trade agreement with Norland.", "sign", 0, P),
    ("Minister Tomas Brel is expected to meet his Kestrian counterpart.", "meet", 0, P),
    ("Veloria is poised to impose new tariffs on Norland.", "impose", 0, P),
    ("President Ilse Varga is to visit Ardenia.", "visit", 0, P),
    ("The envoys are to hold talks in Lisvik.", "hold", 0, P),
    ("The Ardan government is slated to host the summit.", "host", 0, P),
    ("Kestria is about to sign the accord with Norland.", "sign", 0, P),
    ("Norland will have withdrawn its troops by the end of the year.", "withdrawn", 0, P),
    ("The treaty will be signed by both presidents.", "signed", 0, P),
    ("Norland won't hesitate to respond, and it will deploy troops.", "deploy", 0, P),
    ("The talks will be held in Geneva.", "talks", 0, P),
    ("The visit will take place in March.", "visit", 0, P),
    # --- future by a time expression -------------------------------------------------------------
    ("The foreign ministers meet in Geneva next week.", "meet", 0, P),
    ("The delegation travels to Lisvik tomorrow.", "travels", 0, P),
    ("President Ilse Varga is visiting Ardenia next month.", "visiting", 0, P),
    ("The envoys hold talks later this week.", "hold", 0, P),
    ("Next week's talks will focus on trade.", "talks", 0, P),
    ("Tomorrow's meeting between Norland and Kestria is expected to be tense.", "meeting", 0, P),
    ("Officials prepared for the upcoming visit of Minister Tomas Brel.", "visit", 0, P),
    ("The planned visit of the Kestrian president drew protests.", "visit", 0, P),
    ("The scheduled meeting between the two leaders was the focus of the day.", "meeting", 0, P),
    ("Norland and Kestria held talks on a future agreement.", "agreement", 0, P),
    ("Norland and Kestria held talks on a future agreement.", "talks", 0, A),
    ("There are plans to build a pipeline between Norland and Kestria.", "build", 0, P),
    ("The forthcoming summit in Lisvik will address the dam dispute.", "summit", 0, P),
    # --- modals ----------------------------------------------------------------------------------
    ("Talks could begin next week.", "begin", 0, H),
    ("Talks could begin next week.", "Talks", 0, H),
    ("Norland may be supplying the rebels with weapons.", "supplying", 0, H),
    ("Kestria might close its border with Veloria.", "close", 0, H),
    ("Such a move would anger Norland.", "anger", 0, H),
    ("Norland should withdraw its troops from the valley.", "withdraw", 0, H),
    ("Kestria must release the detained journalists.", "release", 0, H),
    ("The Ardan navy can blockade the port within hours.", "blockade", 0, H),
    ("Veloria could have attacked the convoy.", "attacked", 0, H),
    ("Norland has to pay compensation to Kestria.", "pay", 0, H),
    ("Kestria needs to reopen the crossing.", "reopen", 0, H),
    ("The rebels are able to strike the capital.", "strike", 0, H),
    ("Norland is likely to retaliate against Kestria.", "retaliate", 0, H),
    # --- conditionals ------------------------------------------------------------------------------
    ("If Kestria attacks, Norland will respond.", "attacks", 0, H),
    ("If Kestria attacks, Norland will respond.", "respond", 0, H),
    ("If the talks succeed, a deal will be signed.", "signed", 0, H),
    ("If the talks succeed, a deal will be signed.", "succeed", 0, H),
    ("Norland will impose sanctions unless Kestria withdraws its troops.", "withdraws", 0, H),
    ("Norland will impose sanctions unless Kestria withdraws its troops.", "impose", 0, H),
    ("Provided that the ceasefire holds, aid will be delivered to the valley.", "delivered", 0, H),
    ("Provided that the ceasefire holds, aid will be delivered to the valley.", "holds", 0, H),
    ("Troops will be deployed in case the rebels attack the capital.", "deployed", 0, H),
    ("Veloria would send troops if Norland asked for help.", "send", 0, H),
    ("Veloria would send troops if Norland asked for help.", "asked", 0, H),
    ("Had Norland known, it would have evacuated the embassy.", "evacuated", 0, H),
    ("Without the mediation, the two armies would have clashed.", "clashed", 0, H),
    ("Kestria would have signed the deal, a diplomat said.", "signed", 0, H),
    ("Kestria will only sign the deal if Norland lifts the blockade.", "sign", 0, H),
    ("Kestria will only sign the deal if Norland lifts the blockade.", "lifts", 0, H),
    # --- proposals and appeals --------------------------------------------------------------------
    ("The council urged Norland to withdraw its troops.", "withdraw", 0, H),
    ("The council urged Norland to withdraw its troops.", "urged", 0, A),
    ("Kestria called on Norland to release the prisoners.", "release", 0, H),
    ("Kestria called for the release of the prisoners.", "release", 0, H),
    ("Kestria called for a ceasefire in the valley.", "ceasefire", 0, H),
    ("Veloria proposed holding talks in Lisvik.", "holding", 0, H),
    ("Veloria proposed a ceasefire between the rebels and the army.", "ceasefire", 0, H),
    ("The mediator suggested that the two sides meet in Geneva.", "meet", 0, H),
    ("The panel recommended that Norland impose sanctions on Kestria.", "impose", 0, H),
    ("Kestria demanded that Norland withdraw its troops.", "withdraw", 0, H),
    ("Kestria demanded the withdrawal of Norland's troops.", "withdrawal", 0, H),
    ("Norland asked Veloria to mediate the dispute.", "mediate", 0, H),
    ("Kestria invited Minister Tomas Brel to visit the capital.", "visit", 0, H),
    ("The envoys pressed Kestria to accept the proposal.", "accept", 0, H),
    ("Veloria encouraged both sides to resume talks.", "resume", 0, H),
    ("The council appealed to the rebels to halt the offensive.", "halt", 0, H),
    ("Norland has proposed that the two armies pull back from the border.", "pull", 0, H),
    ("Veloria repeated its call for Kestria to lift the blockade.", "lift", 0, H),
    ("The proposed deal would give Kestria access to the port.", "deal", 0, H),
    # --- wishes, hopes, attempts, expectations ----------------------------------------------------
    ("Norland hopes to sign a trade deal with Kestria.", "sign", 0, H),
    ("Kestria wants to join the alliance.", "join", 0, H),
    ("Veloria seeks to expand its influence in Ardenia.", "expand", 0, H),
    ("The rebels tried to seize the airport.", "seize", 0, H),
    ("The rebels tried to seize the airport.", "tried", 0, A),
    ("Norland attempted to negotiate a truce with the rebels.", "negotiate", 0, H),
    ("Kestria wishes to restore ties with Norland.", "restore", 0, H),
    ("Norland expects Kestria to release the prisoners.", "release", 0, H),
    ("Norland expects to sign the accord next month.", "sign", 0, P),
    ("Kestria is considering sending troops to Ardenia.", "sending", 0, H),
    ("Norland is weighing sanctions against Kestria.", "sanctions", 0, H),
    # --- allegations, reports of uncertainty ------------------------------------------------------
    ("Norland allegedly supplied the rebels with rockets.", "supplied", 0, H),
    ("Kestria accused Norland of supplying the rebels with rockets.", "supplying", 0, H),
    ("Kestria accused Norland of supplying the rebels with rockets.", "accused", 0, A),
    ("Norland is suspected of funding the militia.", "funding", 0, H),
    ("Veloria reportedly moved tanks to the border.", "moved", 0, H),
    ("The envoy is rumoured to have met rebel leaders.", "met", 0, H),
    ("Kestria alleged that Norland had bombed the dam.", "bombed", 0, H),
    ("The alleged attack on the convoy was condemned by Veloria.", "attack", 0, H),
    ("The rumoured meeting between the two leaders never took place.", "meeting", 0, D),
    ("Norland possibly shelled the village.", "shelled", 0, H),
    ("The militia probably attacked the convoy.", "attacked", 0, H),
    ("Perhaps Kestria will recall its ambassador.", "recall", 0, H),
    ("It is possible that the militia attacked the convoy.", "attacked", 0, H),
    ("It is unclear whether the rebels fired the rockets.", "fired", 0, H),
    ("The ministry discussed a possible attack on the port.", "attack", 0, H),
    ("The ministry discussed a possible attack on the port.", "discussed", 0, A),
    ("Kestria warned of potential strikes on its oil fields.", "strikes", 0, H),
    # --- denials and negation ---------------------------------------------------------------------
    ("Minister Tomas Brel did not meet the Kestrian envoy.", "meet", 0, D),
    ("Norland never signed the treaty.", "signed", 0, D),
    ("Kestria has not recognised the new government.", "recognised", 0, D),
    ("Veloria won't send troops to Ardenia.", "send", 0, D),
    ("Kestria denied sending weapons to the rebels.", "sending", 0, D),
    ("Kestria denied that its troops had crossed the border.", "crossed", 0, D),
    ("Norland rejected claims that it shelled the village.", "shelled", 0, D),
    ("Norland dismissed reports that it had bombed the dam.", "bombed", 0, D),
    ("Kestria refused to sign the agreement.", "sign", 0, D),
    ("The two sides failed to reach a deal.", "reach", 0, D),
    ("Norland ruled out talks with the rebels.", "talks", 0, D),
    ("No agreement was reached at the summit.", "reached", 0, D),
    ("No agreement was reached at the summit.", "agreement", 0, D),
    ("Kestria declined to attend the summit.", "attend", 0, D),
    ("Norland refrained from attacking the rebel positions.", "attacking", 0, D),
    ("Norland avoided meeting the Kestrian delegation.", "meeting", 0, D),
    ("Veloria signed the deal without consulting Kestria.", "consulting", 0, D),
    ("Veloria signed the deal without consulting Kestria.", "signed", 0, A),
    ("Kestria did not attend the summit but sent a delegation.", "sent", 0, A),
    ("Kestria did not attend the summit but sent a delegation.", "attend", 0, D),
    ("Norland met the envoy but did not sign the accord.", "met", 0, A),
    ("Norland met the envoy but did not sign the accord.", "sign", 0, D),
    ("Norland does not intend to attack Kestria.", "attack", 0, D),
    ("Kestria cancelled the planned visit of the Norlandic envoy.", "visit", 0, D),
    ("Norland called off the talks with Kestria.", "talks", 0, D),
    ("The court ruled that Norland had violated the treaty.", "violated", 0, A),
    ("There were no talks between Norland and Kestria.", "talks", 0, D),
    ("Neither side has withdrawn its troops.", "withdrawn", 0, D),
    # --- questions --------------------------------------------------------------------------------
    ("Will Norland sign the treaty?", "sign", 0, H),
    ("Did Kestria attack the convoy?", "attack", 0, H),
    ("Reporters asked whether the envoys had met.", "met", 0, H),
    ("Kestria asked if Norland would withdraw its troops.", "withdraw", 0, H),
    ("Norland wondered whether Kestria had shelled the port.", "shelled", 0, H),
    # --- reported speech that stays asserted -----------------------------------------------------
    ("Norland said it had signed the agreement.", "signed", 0, A),
    ("Veloria confirmed that the ministers met in Lisvik.", "met", 0, A),
    ("Kestria announced that troops withdrew from the valley.", "withdrew", 0, A),
    ("The ministry told reporters that the envoys had met twice.", "met", 0, A),
    ("The spokesman stated that the army had shelled rebel positions.", "shelled", 0, A),
    ("According to the ministry, Norland deployed two brigades.", "deployed", 0, A),
    ("Norland revealed that it had supplied Kestria with drones.", "supplied", 0, A),
    ("Officials said the rebels released ten hostages.", "released", 0, A),
    ("The envoy added that Kestria had agreed to the terms.", "agreed", 0, A),
    # --- past phone call stays asserted ----------------------------------------------------------
    ("The two presidents held a phone call on Monday.", "call", 0, A),
    ("The two presidents held a phone call on Monday.", "held", 0, A),
    ("President Ilse Varga spoke by phone with Minister Tomas Brel.", "spoke", 0, A),
    ("The leaders, who plan to meet next month, spoke by phone on Tuesday.", "spoke", 0, A),
    ("The leaders, who plan to meet next month, spoke by phone on Tuesday.", "meet", 0, P),
    ("In a phone call, the ministers discussed plans for a summit.", "discussed", 0, A),
    ("The ministers held a phone call to discuss the planned summit.", "held", 0, A),
    ("Varga spoke by phone with Brel about plans to expand trade.", "spoke", 0, A),
    ("Varga spoke by phone with Brel about plans to expand trade.", "expand", 0, P),
    # --- coordination ----------------------------------------------------------------------------
    ("The ministers will meet and sign the accord.", "sign", 0, P),
    ("The ministers met and signed the accord.", "signed", 0, A),
    ("Norland urged Kestria to withdraw and negotiate.", "negotiate", 0, H),
    ("Kestria did not meet or call the envoy.", "call", 0, D),
    ("Norland will host the summit, and Kestria signed the deal yesterday.", "signed", 0, A),
    ("Kestria refused to meet or negotiate with the rebels.", "negotiate", 0, D),
    # --- relative clauses state background as fact ------------------------------------------------
    ("Norland, which invaded Kestria in 2019, will host the talks.", "invaded", 0, A),
    ("The deal, which was signed last year, will be reviewed.", "signed", 0, A),
    ("Veloria urged Norland, which shelled the port, to stop.", "shelled", 0, A),
    ("Kestria wants a deal that would end the war.", "end", 0, H),
    ("The rebels who attacked the convoy may be tried in Lisvik.", "attacked", 0, A),
    # --- embedded acts: agreement, threat, warning, readiness -------------------------------------
    ("Norland and Kestria agreed to build a railway.", "build", 0, P),
    ("Norland and Kestria agreed to build a railway.", "agreed", 0, A),
    ("Veloria threatened to impose sanctions on Norland.", "impose", 0, H),
    ("Veloria threatened to impose sanctions on Norland.", "threatened", 0, A),
    ("Veloria threatened Norland with sanctions.", "sanctions", 0, H),
    ("Kestria warned that it would retaliate.", "retaliate", 0, H),
    ("Kestria warned that it would retaliate.", "warned", 0, A),
    ("Norland warned Kestria against attacking the dam.", "attacking", 0, H),
    ("Kestria is ready to resume talks with Norland.", "resume", 0, P),
    ("Veloria is willing to mediate between the two sides.", "mediate", 0, P),
    ("Norland pledged to send aid to Kestria.", "send", 0, P),
    ("Kestria promised to release the prisoners.", "release", 0, P),
    ("Veloria vowed to defend its border.", "defend", 0, P),
    ("Norland decided to recall its ambassador from Kestria.", "recall", 0, P),
    ("Kestria agreed to a ceasefire with the rebels.", "ceasefire", 0, P),
    ("Norland is preparing to evacuate its embassy.", "evacuate", 0, P),
    # --- before / after clauses -------------------------------------------------------------------
    ("Before the talks began, the envoys met privately.", "began", 0, A),
    ("Before the talks began, the envoys met privately.", "met", 0, A),
    ("After the troops withdrew, Kestria reopened the crossing.", "withdrew", 0, A),
    ("After the troops withdrew, Kestria reopened the crossing.", "reopened", 0, A),
    ("Norland recalled its ambassador after Kestria expelled two diplomats.", "expelled", 0, A),
    ("The envoys signed the accord before they left Lisvik.", "left", 0, A),
    # --- other embeddings that stay asserted ------------------------------------------------------
    ("Norland began withdrawing troops from the valley.", "withdrawing", 0, A),
    ("Kestria continued to shell the port.", "shell", 0, A),
    ("Norland launched an attack on the rebel base.", "attack", 0, A),
    ("Kestria managed to reach a deal with the rebels.", "reach", 0, A),
    ("Veloria helped Norland rebuild the bridge.", "rebuild", 0, A),
    ("The minister condemned the attack on the embassy.", "attack", 0, A),
    ("Kestria praised Norland for releasing the prisoners.", "releasing", 0, A),
    # --- event nouns carried by a verb, and post-modified nouns -----------------------------------
    ("Norland will hold talks with Kestria.", "talks", 0, P),
    ("A ceasefire was proposed by Veloria.", "ceasefire", 0, H),
    ("The visit was cancelled by the ministry.", "visit", 0, D),
    ("The talks were postponed until June.", "talks", 0, P),
    ("The talks planned for next month were called off.", "talks", 0, D),
    ("The sanctions proposed by Veloria target Norland's banks.", "sanctions", 0, H),
    ("Talks between the two sides are expected next week.", "Talks", 0, P),
    ("Norland did not rule out talks with the rebels.", "talks", 0, H),
    ("The threat of sanctions hangs over Norland.", "sanctions", 0, H),
    ("Kestria faces the prospect of sanctions.", "sanctions", 0, H),
    # --- reduced relatives and adjunct participles state fact -------------------------------------
    ("The deal signed last year remains in force.", "signed", 0, A),
    ("The officials urging Norland to withdraw met in Lisvik.", "urging", 0, A),
    ("Norland rejected the charges, blaming Kestria for the unrest.", "blaming", 0, A),
    ("Norland sent troops to the valley, killing several rebels.", "killing", 0, A),
    ("Kestria's stance has shifted from condemning the strikes to supporting them.", "supporting", 0, A),
    # --- more embeddings ----------------------------------------------------------------------------
    ("If Norland decides to attack, Kestria will respond.", "attack", 0, H),
    ("Kestria urged Norland to agree to build a bridge.", "build", 0, H),
    ("Even if the talks fail, Kestria will keep its embassy open.", "keep", 0, P),
    ("Norland will send troops to protect the convoy.", "protect", 0, P),
    ("The envoys will meet in Lisvik before they travel to Geneva.", "travel", 0, P),
    ("After Kestria withdraws its troops, Norland will reopen the crossing.", "withdraws", 0, P),
    ("Kestria said the ministers would meet next week.", "meet", 0, P),
    ("Kestria said it would retaliate if attacked.", "retaliate", 0, H),
    ("Kestria said it would have signed the deal.", "signed", 0, H),
    ("Norland said it would not attend the summit.", "attend", 0, D),
    ("Norland's policy is to support Kestria.", "support", 0, A),
    ("The aim is to reach a deal by May.", "reach", 0, P),
    ("Kestria has yet to ratify the treaty.", "ratify", 0, D),
    ("Norland is unwilling to negotiate with the rebels.", "negotiate", 0, D),
    ("Norland is reluctant to send troops.", "send", 0, H),
    ("The rebels stopped short of attacking the capital.", "attacking", 0, D),
    ("Kestria reached no agreement with Norland.", "reached", 0, D),
    ("No country has recognised the new government.", "recognised", 0, D),
    ("The council voted to impose sanctions on Norland.", "impose", 0, P),
    ("Norland is determined to defend its border.", "defend", 0, P),
    ("The minister is believed to have met the rebels.", "met", 0, H),
    ("The two sides are said to have agreed on a truce.", "agreed", 0, H),
    ("Kestria was reported to have shelled the port.", "shelled", 0, H),
    ("Norland appears to have moved troops to the border.", "moved", 0, H),
    ("The envoy is known to have met the rebels.", "met", 0, A),
    ("Norland fears Kestria may attack.", "attack", 0, H),
    ("Kestria could not confirm that the envoys met.", "met", 0, D),
    ("The talks were delayed due to the attack on the embassy.", "attack", 0, A),
    ("Kestria did not hesitate to retaliate.", "retaliate", 0, A),
    ("Kestria was unable to reach the capital.", "reach", 0, D),
    ("The rebels were prevented from entering the town.", "entering", 0, D),
    ("Norland could face sanctions.", "sanctions", 0, H),
    ("Kestria will host a summit next month.", "summit", 0, P),
    ("Kestria will take part in the talks.", "talks", 0, P),
    ("Kestria took part in the talks.", "talks", 0, A),
    ("The envoy will arrive in Lisvik on Monday for talks with Kestria.", "talks", 0, P),
    ("Neither Norland nor Kestria attended the summit.", "attended", 0, D),
    # --- presupposed complements: factive verbs, why / how clauses --------------------------------
    ("We should not forget that Norland has shelled the port.", "shelled", 0, A),
    ("Kestria did not know that Norland had supplied the rebels.", "supplied", 0, A),
    ("Veloria cannot explain why Norland is sending troops to fight in Ardenia.", "fight", 0, A),
    ("Reporters asked how the envoys had met.", "met", 0, A),
    ("Kestria asked where the talks would be held.", "held", 0, H),
    ("Why did Norland attack the convoy?", "attack", 0, A),
    ("When will the ministers meet?", "meet", 0, P),
    ("What would happen if Norland attacked?", "attacked", 0, H),
    # --- more ---------------------------------------------------------------------------------------
    ("Kestria will not only send aid but also troops.", "send", 0, P),
    ("The two sides agreed that talks would resume in May.", "resume", 0, P),
    ("Norland said talks were possible.", "talks", 0, H),
    ("A deal is unlikely before May.", "deal", 0, H),
    ("Kestria wants talks and a ceasefire.", "ceasefire", 0, H),
    ("The summit is scheduled for next week.", "summit", 0, P),
    ("Norland, which had threatened to invade, withdrew its troops.", "withdrew", 0, A),
    ("Norland, which had threatened to invade, withdrew its troops.", "invade", 0, H),
    ("Kestria denied that it plans to attack.", "attack", 0, D),
    ("Norland insisted it had not shelled the village.", "shelled", 0, D),
    ("The deal could be signed as early as next week.", "signed", 0, H),
    ("Norland seized the ship on Tuesday, the ministry said.", "seized", 0, A),
    ("Reports said Norland shelled the port. Norland rejected the reports.", "shelled", 0, D),
    ("A truce was agreed on Monday.", "truce", 0, A),
    ("Aid was promised to Kestria.", "Aid", 0, P),
    # an ability told in the past or the perfect is an act done; in the present, a possibility
    ("Kestria was able to reach a deal with Norland.", "reach", 0, A),
    ("Kestria has been able to sign a truce with Norland.", "sign", 0, A),
    ("Kestria was not able to sign a truce with Norland.", "sign", 0, D),
    ("Kestria is able to sign a truce with Norland.", "sign", 0, H),
    ("Kestria would be able to sign a truce with Norland.", "sign", 0, H),
    ("The crisis requires Kestria to hold talks with Norland.", "hold", 0, H),
    # nouns of intent and of need carry their infinitive
    ("Kestria announced its readiness to sign a truce with Norland.", "sign", 0, P),
    # a topic listed "such as" under issues or an agenda is an aim, not a fact
    ("They discussed issues on the agenda, such as the expansion of trade with Kestria.", "expansion", 0, P),
    # a rejection in the next sentence denies only when it points back at the report
    ("Norland shelled the port. Kestria rejected the offer of talks.", "shelled", 0, A),
    # --- known limits ---------------------------------------------------------------------------
    xfail("The ministers discussed holding a summit next year.", "holding", 0, H,
          reason="'discuss' is no governor (its noun object, 'discussed the attack', is a real act) and a "
                 "gerund object is not told apart from a noun object, so the summit under discussion reads as asserted"),
    xfail("Kestria accepted an invitation to visit Norland.", "visit", 0, P,
          reason="the noun 'invitation' makes the visit hypothetical; accepting an appeal does not yet turn "
                 "its act into a plan"),
    xfail("Kestria urged Norland not to attack the port.", "attack", 0, H,
          reason="the negation inside the urged clause is the innermost cue and wins (denied); an urged "
                 "abstention is not yet read as hypothetical"),
    # an infinitive the parse hangs from a demand noun as a relative clause is still demanded
    ("Chile rejected a call for its troops to be deployed in Peru.", "deployed", 0, "denied"),
    ("Chile welcomed a call for its troops to be deployed in Peru.", "deployed", 0, "hypothetical"),
]


def _children(tokens):
    kids: dict[int, list[int]] = {}
    for t in tokens:
        if t.head != t.i:
            kids.setdefault(t.head, []).append(t.i)
    return kids


@pytest.mark.parametrize("text,word,occurrence,expected", ROWS)
def test_modality_table(text, word, occurrence, expected):
    a = analyze(text)
    kids = _children(a.tokens)
    hits = [t.i for t in a.tokens if t.text == word]
    assert len(hits) > occurrence, f"{word!r} occurs {len(hits)} times in {text!r}"
    i = hits[occurrence]
    got = modality(i, a.tokens, lambda k: kids.get(k, []), lambda s: a.sentences[s].text)
    assert got == expected, f"{text!r}: {word!r} is {got}, expected {expected}"


def test_table_is_large():
    assert len(ROWS) >= 150
