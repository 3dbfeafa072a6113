"""The labelled corpus for the u/jij checker: Dutch sentences and short texts written for this project (a partner
portal of an insurer: intermediaries, repairers, glass repair, letters, emails, phone scripts, web texts, posts).

Each `Case` holds a text with markers, the form it is checked against ("u", "jij" or "auto") and what the checker
must detect in the whole text ("u", "jij", "mixed" or "none"). Markers inside the text:

- `[[...]]`  a form of address that does not fit the form checked against: an ERROR (a pronoun, or a fixed phrase
             such as `[[dank je]]`, `[[alsjeblieft]]`, `[[a.u.b.]]`). With "auto" the majority decides (on a tie the
             first clear use) and the minority is marked.
- `{{...}}`  a generic "je" (meaning "one") in a u-text: ADVICE, not an error. It does not count as a jij-form, so
             it does not make a text "mixed". In a jij-text a generic "je" is simply fine and carries no marker.
- `<<...>>`  a verb that disagrees with the text's other choice for "u" (hebt/heeft, kunt/kan, zult/zal): the
             minority occurrence, the later one on a tie. Only adjacent pairs ("u heeft", "hebt u") are used.

Everything else must stay silent: the hour ("10 u", "17.30 u"), abbreviations ("m.u.v.", "U.A.", "km/u"),
compounds ("U-bocht", "u-vorm"), "je" inside words ("meisje", "jeans", "Jeroen"), and quotations of someone else's
words in any kind of quotation marks. Texts with only imperatives or no address at all are detected "none".
"""

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    text: str  # the text with markers, see above
    form: str  # the form the text is checked against: "u", "jij" or "auto"
    detected: str  # what the checker must detect in the whole text: "u", "jij", "mixed" or "none"
    topic: str  # which behaviour the case covers (see TOPICS)


TOPICS = (
    "consistent u",
    "consistent jij",
    "possessive je",
    "inversion",
    "reflexive",
    "verb agreement",
    "imperative",
    "hour",
    "abbreviation",
    "compound",
    "quotation",
    "generic je",
    "politeness",
    "jullie",
    "diminutive",
    "auto",
    "no address",
    "multi-sentence",
)

CASES = [
    # --- consistent u -------------------------------------------------------------------------------------------
    Case(
        "Heeft u schade aan uw voorruit? Meld het dan via uw adviseur of in de app van Polderzorg.",
        "u",
        "u",
        "consistent u",
    ),
    Case(
        "Geachte heer Bakker, hierbij ontvangt u de offerte voor het herstel van uw bedrijfsbus.",
        "u",
        "u",
        "consistent u",
    ),
    Case(
        "U kunt uw schadeformulier ook digitaal ondertekenen. Wij sturen u daarna per e-mail een bevestiging.",
        "auto",
        "u",
        "consistent u",
    ),
    Case("Goedemiddag, u spreekt met Sanne van de schadeafdeling. Waarmee kan ik u helpen?", "u", "u", "consistent u"),
    Case(
        "Wij hebben uw melding ontvangen en nemen binnen twee werkdagen contact met u op.", "auto", "u", "consistent u"
    ),
    Case(
        "Bent u verhuisd? Geef uw nieuwe adres aan ons door, zodat uw inboedel goed verzekerd blijft.",
        "u",
        "u",
        "consistent u",
    ),
    Case(
        "Als tussenpersoon ziet u in het portaal direct welke polissen van uw klanten binnenkort verlopen.",
        "u",
        "u",
        "consistent u",
    ),
    Case(
        "Wilt u uzelf en uw gezin beter beschermen? Uw adviseur rekent de mogelijkheden graag met u door.",
        "auto",
        "u",
        "consistent u",
    ),
    Case("Uw nieuwe polis gaat in op 1 maart. De voorwaarden vindt u als pdf in de bijlage.", "u", "u", "consistent u"),
    Case(
        "Als erkend hersteller van Polderzorg ontvangt u opdrachten rechtstreeks in uw werkbak. "
        "U hoeft de klant niet meer zelf te bellen.",
        "auto",
        "u",
        "consistent u",
    ),
    Case("Heeft [[u]] vragen over [[uw]] polis? Neem gerust contact met ons op.", "jij", "u", "consistent u"),
    # --- consistent jij -----------------------------------------------------------------------------------------
    Case("Heb je een barst in je voorruit? Plan je afspraak in een paar klikken.", "jij", "jij", "consistent jij"),
    Case(
        "Welkom in het partnerportaal! Hier vind je alles wat je nodig hebt voor je volgende klus.",
        "auto",
        "jij",
        "consistent jij",
    ),
    Case("Jij kiest de hersteller, wij regelen de rest. Zo ben je snel weer onderweg.", "jij", "jij", "consistent jij"),
    Case(
        "Hoi Mark, dank je voor je snelle reactie. Ik stuur je de foto's vanmiddag door.",
        "jij",
        "jij",
        "consistent jij",
    ),
    Case("Ben je je groene kaart kwijt? Download hem gewoon opnieuw in de app.", "auto", "jij", "consistent jij"),
    Case(
        "Als hersteller kun je nu zelf je openstaande opdrachten bekijken en afmelden.", "jij", "jij", "consistent jij"
    ),
    Case("Jouw mening telt! Vul onze korte enquête in en maak kans op een tankpas.", "jij", "jij", "consistent jij"),
    Case(
        "Zorg dat je jezelf goed indekt: kijk elk jaar even of de waarde van je inboedel nog klopt.",
        "auto",
        "jij",
        "consistent jij",
    ),
    Case(
        "Alsjeblieft, hier is je nieuwe polisblad. Bewaar het goed, dan heb je het altijd bij de hand.",
        "jij",
        "jij",
        "consistent jij",
    ),
    Case(
        "Goed gedaan! Je hebt alle modules van de training afgerond en je certificaat staat voor je klaar.",
        "jij",
        "jij",
        "consistent jij",
    ),
    Case("Heb [[je]] vragen over [[je]] polis? Neem gerust contact met ons op.", "u", "jij", "consistent jij"),
    # --- possessive je ------------------------------------------------------------------------------------------
    Case("Heeft u vragen? Bel [[je]] adviseur.", "u", "mixed", "possessive je"),
    Case("U ontvangt binnenkort [[je]] nieuwe polisblad per post.", "u", "mixed", "possessive je"),
    Case("Controleer [[je]] gegevens voordat u het formulier verstuurt.", "u", "mixed", "possessive je"),
    Case(
        "Upload de foto's van [[je]] schade, dan beoordelen wij uw claim binnen een werkdag.",
        "u",
        "mixed",
        "possessive je",
    ),
    Case("Check je polis en je dekking altijd in de app.", "jij", "jij", "possessive je"),
    Case("Log in met je klantnummer en je wachtwoord.", "jij", "jij", "possessive je"),
    Case(
        "In Mijn Polis vindt u ook [[jouw]] schadehistorie van de afgelopen vijf jaar.", "u", "mixed", "possessive je"
    ),
    Case("Uw adviseur is er voor u. Stuur [[je]] vraag gerust per mail.", "auto", "mixed", "possessive je"),
    Case("Je auto staat klaar bij de hersteller. Je kunt hem vanaf 16.00 uur ophalen.", "jij", "jij", "possessive je"),
    Case("Bewaar [[je]] bonnetjes, want die heeft u nodig voor de vergoeding.", "u", "mixed", "possessive je"),
    Case(
        "Hoeveel kost je premie als je een hoger eigen risico kiest? Reken het hier uit.",
        "auto",
        "jij",
        "possessive je",
    ),
    # --- inversion ----------------------------------------------------------------------------------------------
    Case("Kun [[je]] ons vandaag nog bellen? U krijgt dan direct een afspraak.", "u", "mixed", "inversion"),
    Case("Bent [[u]] tevreden over de reparatie? Laat het ons weten in de app.", "jij", "u", "inversion"),
    Case("Heb [[je]] de schade al gemeld bij uw tussenpersoon?", "u", "mixed", "inversion"),
    Case("Wil je je afspraak verzetten? Dat kan tot een dag van tevoren.", "jij", "jij", "inversion"),
    Case("Kunt u uw kenteken even noemen? Dan zoek ik uw polis erbij.", "u", "u", "inversion"),
    Case(
        "Ben je klaar met de reparatie? Meld de opdracht dan af, zodat [[u]] sneller betaald wordt.",
        "jij",
        "mixed",
        "inversion",
    ),
    Case("Heeft u een vraag over uw factuur? Mail ons, dan helpen we u snel.", "auto", "u", "inversion"),
    Case("Weet [[je]] het kenteken niet meer? Dan kunt u ook het schadenummer gebruiken.", "u", "mixed", "inversion"),
    Case("Krijgt [[u]] geen bevestiging? Kijk dan even in je spamfolder.", "jij", "mixed", "inversion"),
    Case("Zie je een fout in je offerte? Laat het ons weten, dan passen we hem aan.", "auto", "jij", "inversion"),
    Case(
        "Gaat [[u]] op wintersport? Check dan even of je reisverzekering ook skiën dekt.", "jij", "mixed", "inversion"
    ),
    # --- reflexive ----------------------------------------------------------------------------------------------
    Case(
        "Meld [[je]] aan voor het webinar over glasherstel. U ontvangt daarna een bevestiging.",
        "u",
        "mixed",
        "reflexive",
    ),
    Case("Meld u aan voor de nieuwsbrief en blijf op de hoogte van uw voordelen.", "u", "u", "reflexive"),
    Case("Schrijf [[u]] vandaag nog in voor de opleiding schadetaxatie.", "jij", "u", "reflexive"),
    Case("Vergis [[je]] niet: ook een klein sterretje kan uw ruit laten barsten.", "u", "mixed", "reflexive"),
    Case("Verdiep je in de nieuwe voorwaarden voordat je je klant adviseert.", "jij", "jij", "reflexive"),
    Case("Realiseert u zich dat uw dekking op 1 januari verandert?", "u", "u", "reflexive"),
    Case("Herinner je je wachtwoord niet meer? Vraag dan een nieuw wachtwoord aan.", "jij", "jij", "reflexive"),
    Case("U kunt [[je]] ook telefonisch afmelden.", "u", "mixed", "reflexive"),
    Case(
        "Houd [[u]] aan de afspraken uit het raamcontract, dan wordt je factuur sneller betaald.",
        "jij",
        "mixed",
        "reflexive",
    ),
    Case("Gun uzelf een zorgeloze vakantie en sluit vandaag nog een reisverzekering af.", "auto", "u", "reflexive"),
    Case("Bereid [[jezelf]] goed voor op het gesprek met uw klant.", "u", "mixed", "reflexive"),
    Case("Gun [[uzelf]] een zorgeloze vakantie en regel je reisverzekering in de app.", "jij", "mixed", "reflexive"),
    # --- verb agreement -----------------------------------------------------------------------------------------
    Case("U hebt een schade gemeld. Wanneer <<heeft>> u tijd voor de expert?", "u", "u", "verb agreement"),
    Case(
        "U kunt de auto morgen ophalen. Als dat niet lukt, kunt u hem laten bezorgen. "
        "U <<kan>> ook een vervangende auto krijgen.",
        "u",
        "u",
        "verb agreement",
    ),
    Case(
        "Heeft u de offerte ontvangen? U heeft tot vrijdag om te tekenen. <<Hebt>> u nog vragen, bel ons dan.",
        "u",
        "u",
        "verb agreement",
    ),
    Case(
        "U zult binnen een week bericht krijgen. Daarna <<zal>> u ook de factuur ontvangen.", "u", "u", "verb agreement"
    ),
    Case(
        "U kan uw groene kaart downloaden in de app. U kan hem ook laten opsturen. Daarnaast <<kunt>> u hem zelf "
        "printen.",
        "auto",
        "u",
        "verb agreement",
    ),
    Case("U heeft recht op een vervangende auto. Die heeft u binnen 24 uur voor de deur.", "u", "u", "verb agreement"),
    Case(
        "Hebt u foto's van de schade? Dan hebt u de afhandeling sneller rond. <<Heeft>> u geen foto's, dan komt er "
        "een expert langs.",
        "u",
        "u",
        "verb agreement",
    ),
    Case(
        "Kunt u niet zelf naar de hersteller rijden? Dan kunt u kiezen voor reparatie aan huis.",
        "u",
        "u",
        "verb agreement",
    ),
    Case(
        "U hebt nog geen hersteller gekozen. Ook <<heeft>> u het schadeformulier nog niet getekend. "
        "Hebt u hulp nodig? Bel ons gerust.",
        "u",
        "u",
        "verb agreement",
    ),
    Case(
        "U hebt een vraag gesteld aan uw adviseur. Uw adviseur heeft die doorgestuurd naar onze schadeafdeling.",
        "u",
        "u",
        "verb agreement",
    ),
    Case(
        "U zult binnenkort een uitnodiging voor de training ontvangen. Daarin <<zal>> u ook de datum vinden. "
        "Na afloop zult u een certificaat krijgen.",
        "auto",
        "u",
        "verb agreement",
    ),
    # --- imperative ---------------------------------------------------------------------------------------------
    Case("Bel ons vandaag.", "u", "none", "imperative"),
    Case("Vul het formulier in en stuur het naar de schadeafdeling.", "auto", "none", "imperative"),
    Case("Stuur de foto's mee.", "jij", "none", "imperative"),
    Case("Maak een afspraak met een erkende glashersteller.", "u", "none", "imperative"),
    Case("Download de app en meld schade binnen twee minuten.", "auto", "none", "imperative"),
    Case("Lees de voorwaarden goed door voordat u tekent.", "u", "u", "imperative"),
    Case("Bel ons gerust. Je krijgt direct iemand aan de lijn.", "jij", "jij", "imperative"),
    Case("Kies een hersteller bij [[u]] in de buurt.", "jij", "u", "imperative"),
    Case("Neem contact op met de klantenservice en vermeld het schadenummer.", "u", "none", "imperative"),
    Case("Belt u ons gerust, wij staan voor u klaar.", "u", "u", "imperative"),
    Case("Plak de barst af met tape en rijd rustig naar de hersteller.", "auto", "none", "imperative"),
    Case("Upload de facturen. [[U]] hoort binnen drie werkdagen van ons.", "jij", "u", "imperative"),
    # --- hour ---------------------------------------------------------------------------------------------------
    Case("De schadebalie is geopend van 8 u tot 17 u.", "u", "none", "hour"),
    Case("Na 10 u kun je je auto ophalen bij de hersteller.", "jij", "jij", "hour"),
    Case("Na 10 u kunt u de auto ophalen bij de hersteller.", "u", "u", "hour"),
    Case("Uw afspraak staat op dinsdag om 10 u. U kunt de auto om 15.30 u weer ophalen.", "u", "u", "hour"),
    Case("Het webinar begint om 19.30 u en duurt een uur.", "auto", "none", "hour"),
    Case("Bel vóór 12 u, dan komt de monteur dezelfde dag nog bij je langs.", "jij", "jij", "hour"),
    Case("Aanvragen indienen kan t/m vrijdag tot 17 u.", "auto", "none", "hour"),
    Case("Onze glasservice rijdt ook 's avonds, tot 21 u. Jij kiest het moment.", "jij", "jij", "hour"),
    Case("Tussen 12 u en 13 u is de telefoon gesloten; mailt u ons gerust.", "u", "u", "hour"),
    Case("Je ruit is om 11 u klaar. Wilt [[u]] hem dan ophalen?", "jij", "mixed", "hour"),
    Case("Wij bellen u morgen tussen 9 u en 11 u terug.", "u", "u", "hour"),
    Case("Opdrachten die na 17.00 u binnenkomen, plannen wij de volgende werkdag in.", "jij", "none", "hour"),
    Case("Om 7.30 u staat de monteur al bij je op de stoep.", "jij", "jij", "hour"),
    Case(
        "Stap 1: u meldt de schade online. Stap 2: u kiest een hersteller. Stap 3: wij regelen de rest.",
        "u",
        "u",
        "hour",
    ),
    Case(
        "Stap 1: je meldt de schade online. Stap 2: [[u]] kiest een hersteller. Stap 3: wij regelen de rest.",
        "jij",
        "mixed",
        "hour",
    ),
    # --- abbreviation -------------------------------------------------------------------------------------------
    Case("Alle voertuigen zijn meeverzekerd m.u.v. aanhangers en caravans.", "u", "none", "abbreviation"),
    Case("Coöperatie Polderzorg U.A. is gevestigd in Utrecht.", "auto", "none", "abbreviation"),
    Case("Ontvang je een uitkering van het UWV? Geef dat dan door aan je adviseur.", "jij", "jij", "abbreviation"),
    Case("De vergoeding geldt m.u.v. het eigen risico; dat betaal je zelf.", "jij", "jij", "abbreviation"),
    Case("Uw premie is incl. assurantiebelasting en m.u.v. de eenmalige poliskosten.", "u", "u", "abbreviation"),
    Case("Zie art. 12 e.v. van de voorwaarden; u vindt die in Mijn Polis.", "u", "u", "abbreviation"),
    Case(
        "Rijd na de reparatie de eerste uren niet harder dan 100 km/u, zodat de lijm in je ruit goed uithardt.",
        "jij",
        "jij",
        "abbreviation",
    ),
    Case("Rijd de eerste twee uur na de ruitreparatie niet harder dan 80 km/u.", "u", "none", "abbreviation"),
    Case("Polderzorg U.A. vergoedt de schade aan [[uw]] auto, m.u.v. het eigen risico.", "jij", "u", "abbreviation"),
    Case(
        "De UBO-verklaring en het KvK-uittreksel zijn verplicht voor nieuwe zakelijke relaties.",
        "auto",
        "none",
        "abbreviation",
    ),
    Case("T.a.v. de heer U. Demir, AutoHerstel Noord, Industrieweg 12, Groningen", "jij", "none", "abbreviation"),
    # --- compound -----------------------------------------------------------------------------------------------
    Case("Neem na de U-bocht de tweede afslag naar ons schadeherstelcentrum.", "u", "none", "compound"),
    Case("De nieuwe bumper heeft een U-vormige versteviging aan de binnenkant.", "auto", "none", "compound"),
    Case("Het u-profiel van de deurstijl was verbogen; je hersteller heeft het vervangen.", "jij", "jij", "compound"),
    Case("In brieven gebruiken we de u-vorm, in onze posts op sociale media de jij-vorm.", "auto", "none", "compound"),
    Case("U-bochten zijn op deze weg verboden; u kunt keren bij de rotonde.", "u", "u", "compound"),
    Case("Stel in je profiel in of je klanten liever de u-vorm of de je-vorm zien.", "jij", "jij", "compound"),
    Case("Een UV-werende folie beschermt de ruiten van uw camper.", "u", "u", "compound"),
    Case(
        "Het U-slot was geforceerd, maar uw fietsverzekering dekt de schade. [[Je]] krijgt het bedrag binnen een week.",
        "u",
        "mixed",
        "compound",
    ),
    Case("De bestuurder nam de U-bocht te krap en raakte de vangrail.", "auto", "none", "compound"),
    Case("Maak nooit een U-turn op de vluchtstrook, ook niet als [[u]] je afslag mist.", "jij", "mixed", "compound"),
    # --- quotation ----------------------------------------------------------------------------------------------
    Case('U schrijft: "Ik vond jullie service top." Dank u voor dat mooie compliment.', "u", "u", "quotation"),
    Case(
        "Een klant zei: “Jullie hebben me echt uit de brand geholpen.” Dat horen we graag, ook van u.",
        "u",
        "u",
        "quotation",
    ),
    Case(
        "Je klant schreef: ‘Ik wil dat u mijn ruit vandaag nog vervangt.’ Kun je dat inplannen?",
        "jij",
        "jij",
        "quotation",
    ),
    Case(
        "Mevrouw De Wit schreef ons: „Kunnen jullie me terugbellen?” Wij bellen u morgen vóór 12 u.",
        "u",
        "u",
        "quotation",
    ),
    Case(
        "In de review staat: 'Heel fijn dat je zo snel kwam!' Dat compliment geven we graag aan u door.",
        "auto",
        "u",
        "quotation",
    ),
    Case(
        'Zeg bijvoorbeeld: "Goedemorgen, waarmee kan ik u helpen?" Zo klink je vriendelijk en duidelijk.',
        "jij",
        "jij",
        "quotation",
    ),
    Case('U citeert uw klant: "Jullie monteur was te laat." Kun [[je]] dat toelichten?', "u", "mixed", "quotation"),
    Case(
        'Je klant mailde: "Kunt u mij laten weten wanneer mijn auto klaar is?" Antwoord je vandaag nog?',
        "jij",
        "jij",
        "quotation",
    ),
    Case(
        "Iemand schreef op Facebook: “Jij bent de held van mijn dag!” Deelt u ook uw ervaring met ons?",
        "auto",
        "u",
        "quotation",
    ),
    Case(
        "De klant zei: „Jullie waren de snelste ooit.” Wilt u dit compliment doorgeven aan uw team?",
        "u",
        "u",
        "quotation",
    ),
    Case(
        'Uw klant schreef: "Dank je voor de hulp!" Wij sturen hem een bevestiging, en u ontvangt een kopie.',
        "u",
        "u",
        "quotation",
    ),
    # --- generic je ---------------------------------------------------------------------------------------------
    Case(
        "{{Je}} weet maar nooit wanneer het misgaat. Daarom raden wij u een reisverzekering aan.",
        "u",
        "u",
        "generic je",
    ),
    Case("Een steenslag is zo gebeurd; voor {{je}} het weet, zit er een barst in uw ruit.", "u", "u", "generic je"),
    Case(
        "Hoe langer {{je}} wacht, hoe groter de barst wordt. Laat uw ruit daarom snel repareren.",
        "u",
        "u",
        "generic je",
    ),
    Case(
        "{{Je}} kunt nu eenmaal niet alles voorkomen. Wel kunt u zorgen dat u goed verzekerd bent.",
        "u",
        "u",
        "generic je",
    ),
    Case(
        "{{Je}} ziet vaak dat kleine schades worden uitgesteld. Meldt u de schade daarom liefst direct.",
        "u",
        "u",
        "generic je",
    ),
    Case(
        "Hoe eerder {{je}} een schade meldt, hoe sneller die is afgehandeld. Dat geldt ook voor u.",
        "u",
        "u",
        "generic je",
    ),
    Case(
        "{{Je}} moet maar net pech hebben: hagel midden in de zomer. Gelukkig is uw auto allrisk verzekerd.",
        "u",
        "u",
        "generic je",
    ),
    Case(
        "Je weet maar nooit wat er onderweg gebeurt. Check daarom even of je reisverzekering nog loopt.",
        "jij",
        "jij",
        "generic je",
    ),
    Case("{{Je}} weet maar nooit. Heeft u uw reisverzekering al verlengd?", "auto", "u", "generic je"),
    Case(
        "Stel niet uit tot morgen wat {{je}} vandaag kunt doen: verleng uw reisverzekering nu.",
        "u",
        "u",
        "generic je",
    ),
    Case(
        "{{Je}} weet maar nooit wanneer er ingebroken wordt. Zet daarom [[je]] fiets altijd op slot; uw verzekering "
        "vraagt dat ook.",
        "u",
        "mixed",
        "generic je",
    ),
    # --- politeness ---------------------------------------------------------------------------------------------
    Case("Wilt u het formulier vóór vrijdag terugsturen, alstublieft?", "u", "u", "politeness"),
    Case(
        "Stuur [[a.u.b.]] ook de factuur van de hersteller mee, dan krijg je je geld sneller.",
        "jij",
        "mixed",
        "politeness",
    ),
    Case("[[Dank je]] wel voor uw melding. Wij nemen zo snel mogelijk contact met u op.", "u", "mixed", "politeness"),
    Case("Bedankt voor je bericht! We reageren binnen een werkdag.", "jij", "jij", "politeness"),
    Case("Bedankt voor uw bericht. Wij reageren binnen een werkdag.", "u", "u", "politeness"),
    Case("Wil je [[alstublieft]] je IBAN controleren? [[Dank u]]!", "jij", "mixed", "politeness"),
    Case("Vult u [[alsjeblieft]] alle velden in? Dank u.", "u", "mixed", "politeness"),
    Case("Alstublieft, hier is uw groene kaart. Goede reis!", "auto", "u", "politeness"),
    Case("Dank je wel voor je inzet dit jaar, en alsjeblieft: geniet van je vakantie!", "auto", "jij", "politeness"),
    Case("Wacht u even, alstublieft? Ik verbind u door met de schadeafdeling.", "u", "u", "politeness"),
    Case("Graag ontvangen wij de ingevulde machtiging retour. [[Dank je]]!", "u", "jij", "politeness"),
    Case("Bedankt voor het wachten. De eerstvolgende medewerker is zo beschikbaar.", "u", "none", "politeness"),
    # --- jullie -------------------------------------------------------------------------------------------------
    Case(
        "Beste relaties, [[jullie]] ontvangen deze maand de nieuwe provisieregeling. U vindt die in het portaal.",
        "u",
        "mixed",
        "jullie",
    ),
    Case("Hoi allemaal, jullie kunnen vanaf maandag schades melden via de nieuwe app.", "jij", "jij", "jullie"),
    Case("[[Jullie]] opdracht staat klaar. Wilt u de planning bevestigen?", "u", "mixed", "jullie"),
    Case(
        "Geachte herstellers, wij vragen u allen om [[jullie]] facturen voortaan digitaal in te dienen.",
        "u",
        "mixed",
        "jullie",
    ),
    Case(
        "Team Glasherstel Oost, jullie zijn de snelste van het land! Op naar nog een topjaar.", "auto", "jij", "jullie"
    ),
    Case("Vragen over de nieuwe tarieven? Jullie accountmanager belt jullie deze week.", "jij", "jij", "jullie"),
    Case("Kunnen jullie [[uw]] openingstijden in het portaal bijwerken?", "jij", "mixed", "jullie"),
    Case(
        "Wij danken [[jullie]] voor de prettige samenwerking en wensen u een goed en gezond nieuwjaar.",
        "u",
        "mixed",
        "jullie",
    ),
    Case("Hebben jullie de nieuwe werkwijze al bekeken? Laat even weten wat je ervan vindt.", "auto", "jij", "jullie"),
    Case("Wij hebben jullie aanvraag ontvangen en gaan er direct mee aan de slag.", "jij", "jij", "jullie"),
    Case(
        "Gefeliciteerd, jullie hebben allemaal het examen gehaald! Jullie certificaten staan klaar in het portaal. "
        "Wilt [[u]] ze downloaden vóór 1 juli?",
        "auto",
        "mixed",
        "jullie",
    ),
    # --- diminutive ---------------------------------------------------------------------------------------------
    Case(
        "Heeft u een sterretje in uw voorruit? Wij repareren het meestal binnen een halfuurtje.",
        "u",
        "u",
        "diminutive",
    ),
    Case("Zit er een sterretje in je ruit? Plan meteen een afspraak.", "jij", "jij", "diminutive"),
    Case(
        "Het meisje op de foto droeg jeans en een petje. Zij is meeverzekerd op uw gezinspolis.",
        "u",
        "u",
        "diminutive",
    ),
    Case("Stuur even een fotootje van het bonnetje mee.", "auto", "none", "diminutive"),
    Case("Ons vakantiehuisje op de Veluwe is ook verzekerd tegen stormschade.", "auto", "none", "diminutive"),
    Case(
        "Een klein beetje water in de motor kan al veel schade geven. Belt u ons bij twijfel.",
        "u",
        "u",
        "diminutive",
    ),
    Case("Neem een kopje koffie in onze wachtruimte terwijl uw ruit wordt vervangen.", "u", "u", "diminutive"),
    Case("Een tientje per maand korting op je premie? Dat is een mooi extraatje.", "jij", "jij", "diminutive"),
    Case(
        "Een klein sterretje in [[je]] ruit wordt snel een barst. Laat het daarom vandaag nog herstellen door uw "
        "vaste hersteller.",
        "u",
        "mixed",
        "diminutive",
    ),
    Case("Het kindje zat veilig in een goedgekeurd autostoeltje.", "u", "none", "diminutive"),
    Case(
        "Is het lampje van uw airbag na de reparatie blijven branden? Meld het dan direct bij ons.",
        "u",
        "u",
        "diminutive",
    ),
    Case(
        "Een briefje onder de ruitenwisser is geen schademelding. Meld de schade altijd bij je verzekeraar.",
        "jij",
        "jij",
        "diminutive",
    ),
    # --- auto ---------------------------------------------------------------------------------------------------
    Case("Uw ruit is vervangen en u kunt de auto ophalen. Breng [[je]] kentekenbewijs mee.", "auto", "mixed", "auto"),
    Case(
        "Je offerte staat klaar. Je kunt hem tot vrijdag accepteren. Heeft [[u]] vragen? Bel ons dan even.",
        "auto",
        "mixed",
        "auto",
    ),
    Case(
        "[[Dank u]] voor je aanvraag. Je hoort binnen twee dagen van ons en je kunt de status volgen in de app.",
        "auto",
        "mixed",
        "auto",
    ),
    Case("Hebt u de offerte gelezen? Zet dan [[je]] handtekening onderaan.", "auto", "mixed", "auto"),
    Case("Meld schade direct online. Wij bellen u binnen een uur terug.", "auto", "u", "auto"),
    Case("Ga naar het portaal, log in en kies 'Nieuwe opdracht'.", "auto", "none", "auto"),
    Case(
        "Jij en je collega's krijgen toegang tot de nieuwe module. Heb je hulp nodig? Je teamleider helpt je verder.",
        "auto",
        "jij",
        "auto",
    ),
    Case(
        "Heeft u een ongeluk gehad? Blijf rustig, zet uw gevarendriehoek neer en bel ons. Wij regelen de rest voor u.",
        "auto",
        "u",
        "auto",
    ),
    Case(
        "Je polis is verlengd. [[Uw]] nieuwe premie staat in de app en je betaalt vanaf januari automatisch.",
        "auto",
        "mixed",
        "auto",
    ),
    Case(
        "Wilt u een afspraak maken? Kies een datum en [[je]] hersteller, dan ontvangt u een bevestiging per mail.",
        "auto",
        "mixed",
        "auto",
    ),
    Case(
        "Vraag [[je]] adviseur om raad. Wij willen u graag goed helpen, want uw situatie is uniek.",
        "auto",
        "mixed",
        "auto",
    ),
    Case("Kun je morgen even bellen? [[U]] kunt ook mailen, als je dat makkelijker vindt.", "auto", "mixed", "auto"),
    Case("Wij bellen [[jou]] morgen terug over uw schade, zodat u weet waar u aan toe bent.", "auto", "mixed", "auto"),
    Case(
        "[[Jij]] kiest de hersteller en wij regelen de rest voor u. U hoeft zelf niets voor te schieten.",
        "auto",
        "mixed",
        "auto",
    ),
    # --- no address ---------------------------------------------------------------------------------------------
    Case("De schade-expert komt morgen tussen twee en vier uur langs.", "u", "none", "no address"),
    Case("Jeroen van de glasservice viert dit jaar zijn jubileum.", "auto", "none", "no address"),
    Case("De jeep van de klant stond op een onverlichte parkeerplaats.", "jij", "none", "no address"),
    Case("Het aantal schademeldingen is dit kwartaal met 12 procent gedaald.", "auto", "none", "no address"),
    Case("Nu ook online af te sluiten: de jeugdpolis voor studenten en starters.", "u", "none", "no address"),
    Case("De hersteller haalt de oude ruit uit de sponning en plaatst een nieuwe.", "jij", "none", "no address"),
    Case(
        "Hagel, storm en wateroverlast zorgden dit najaar voor een recordaantal claims.", "auto", "none", "no address"
    ),
    Case("De uitvaartverzekering keert binnen vijf werkdagen uit.", "u", "none", "no address"),
    Case("Duurzaam herstel is het uitgangspunt: repareren gaat voor vervangen.", "auto", "none", "no address"),
    Case("Jeugdige bestuurders betalen vaak een hogere premie dan ervaren rijders.", "jij", "none", "no address"),
    # --- multi-sentence -----------------------------------------------------------------------------------------
    Case(
        "Geachte mevrouw Jansen, u heeft bij ons een glasschade gemeld. Uw afspraak staat op donderdag om 9 u bij "
        "AutoHerstel Noord. Neem [[je]] kentekenbewijs mee. De reparatie duurt ongeveer een uur. "
        "Met vriendelijke groet, Jeroen de Bruin",
        "u",
        "mixed",
        "multi-sentence",
    ),
    Case(
        "Hoi Lisa! Je schademelding is binnen. Een hersteller neemt vandaag nog contact met [[u]] op. "
        "Heb je nog vragen? Stuur ons gerust een berichtje.",
        "jij",
        "mixed",
        "multi-sentence",
    ),
    Case(
        'Beste partner, u schreef ons: "Jullie portaal werkt niet op mijn tablet." Dank u voor die melding. '
        "Wij hebben het probleem opgelost, dus u kunt nu weer inloggen. Lukt het toch niet, dan kunt u ons bellen "
        "tot 17 u. U <<kan>> ook de app gebruiken.",
        "u",
        "u",
        "multi-sentence",
    ),
    Case(
        'Hé Sam, je klant belde om 10 u: "Kunt u vandaag nog komen?" Het gaat om een sterretje in de voorruit. '
        "Lukt dat? Laat even weten of je tijd hebt.",
        "jij",
        "jij",
        "multi-sentence",
    ),
    Case(
        "{{Je}} weet maar nooit wanneer een steentje uw ruit raakt. Heeft u schade? Meld die dan online; u heeft "
        "alleen uw polisnummer en [[je]] kenteken nodig. <<Hebt>> u hulp nodig, bel ons dan.",
        "u",
        "mixed",
        "multi-sentence",
    ),
    Case(
        "Goedemorgen, u spreekt met Fatima van de schadedesk. Mag ik uw naam en geboortedatum? Dank u. "
        "Ik zie dat u vorige week heeft gebeld over uw caravan. Klopt dat?",
        "u",
        "u",
        "multi-sentence",
    ),
    Case(
        "Storm op komst? 🌬️ Zet je tuinmeubels binnen en parkeer je auto niet onder een boom. Heeft [[u]] toch "
        "schade? Meld het in de app. #storm #schade",
        "jij",
        "mixed",
        "multi-sentence",
    ),
    Case(
        "Ruitschade? Wij helpen je snel. Kies een hersteller bij jou in de buurt en plan je afspraak. De reparatie "
        "is meestal binnen 30 minuten klaar. Belt [[u]] liever? Dat kan tot 20 u.",
        "auto",
        "mixed",
        "multi-sentence",
    ),
    Case(
        "Geachte heer Smit, hierbij ontvangt u het overzicht van de openstaande schades van uw klanten. Wilt u de "
        "dossiers m.u.v. nummer 4 vóór 1 juni afronden? [[Dank je]] alvast. Met vriendelijke groet, "
        "Team Intermediairs",
        "u",
        "mixed",
        "multi-sentence",
    ),
    Case(
        'Hoi Noor, wat vervelend dat er bij je is ingebroken. Je schreef: "Mijn laptop en sieraden zijn weg." '
        "We vergoeden de schade m.u.v. je eigen risico van € 100. Het geld staat binnen vijf werkdagen op je "
        "rekening.",
        "jij",
        "jij",
        "multi-sentence",
    ),
    Case(
        "Bedankt voor uw aanvraag. [[Je]] ontvangt binnen 24 uur een offerte. Hierin staat wat het herstel van uw "
        "bumper kost. Akkoord? Dan plannen wij de reparatie in overleg met u.",
        "u",
        "mixed",
        "multi-sentence",
    ),
    Case(
        "Nieuw in de app: je schade melden met een filmpje! 🎥 Film de schade, voeg een briefje toe en verstuur. "
        "Binnen een uur hoor je van ons. Vragen? Wij zijn er tot 22 u.",
        "auto",
        "jij",
        "multi-sentence",
    ),
    Case(
        "Hoe vaker je de module oefent, hoe makkelijker het wordt. De trainer zegt altijd: “U zult zien dat het went.” "
        "Begin je vandaag? Dan heb je vrijdag je certificaat.",
        "auto",
        "jij",
        "multi-sentence",
    ),
    Case(
        "Geachte relatie, op 14 maart is ons kantoor in Utrecht gesloten van 9 u tot 13 u. Komt u met de auto? "
        "Door de werkzaamheden is de U-bocht bij de ingang afgesloten. U kunt parkeren aan de achterzijde. "
        "Onze excuses voor het ongemak.",
        "u",
        "u",
        "multi-sentence",
    ),
]


# --- markers ------------------------------------------------------------------------------------------------------

ERROR, ADVICE, AGREEMENT = "error", "advice", "agreement"
MARKERS = {"[[": ("]]", ERROR), "{{": ("}}", ADVICE), "<<": (">>", AGREEMENT)}
_TOKEN = re.compile(r"\[\[|\]\]|\{\{|\}\}|<<|>>")


def parse(text):
    """The text without markers and the marked spans in it: (plain, [(start, end, kind), ...]).

    Raises ValueError for unbalanced, nested or empty markers."""
    plain, spans, opened, last = [], [], None, 0
    length = 0
    for match in _TOKEN.finditer(text):
        chunk = text[last : match.start()]
        plain.append(chunk)
        length += len(chunk)
        last = match.end()
        token = match.group(0)
        if token in MARKERS:
            if opened:
                raise ValueError(f"nested marker {token!r} in {text!r}")
            opened = (token, length)
        else:
            if not opened or MARKERS[opened[0]][0] != token:
                raise ValueError(f"unbalanced marker {token!r} in {text!r}")
            if length == opened[1]:
                raise ValueError(f"empty marker in {text!r}")
            spans.append((opened[1], length, MARKERS[opened[0]][1]))
            opened = None
    if opened:
        raise ValueError(f"unclosed marker {opened[0]!r} in {text!r}")
    plain.append(text[last:])
    return "".join(plain), spans


def problems(cases=CASES):
    """What is wrong with the corpus itself (not with the checker): an empty list when all is well."""
    found = []
    seen = set()
    for case in cases:
        try:
            plain, spans = parse(case.text)
        except ValueError as error:
            found.append(str(error))
            continue
        kinds = {kind for _start, _end, kind in spans}
        where = f"{case.text!r}"
        if case.form not in ("u", "jij", "auto"):
            found.append(f"form {case.form!r}: {where}")
        if case.detected not in ("u", "jij", "mixed", "none"):
            found.append(f"detected {case.detected!r}: {where}")
        if case.topic not in TOPICS:
            found.append(f"topic {case.topic!r}: {where}")
        if len(plain) >= 400:
            found.append(f"{len(plain)} characters: {where}")
        if plain in seen:
            found.append(f"twice: {where}")
        seen.add(plain)
        if case.detected == "none" and spans:
            found.append(f"markers in a text without address: {where}")
        if case.detected == "mixed" and ERROR not in kinds:
            found.append(f"mixed without an error marker: {where}")
        if ERROR in kinds and case.detected == case.form:
            found.append(f"error markers in a text that keeps to its form: {where}")
        swapped = case.form in ("u", "jij") and case.detected in ("u", "jij") and case.detected != case.form
        if swapped and ERROR not in kinds:
            found.append(f"a {case.detected}-text checked against {case.form} needs error markers: {where}")
        if (ADVICE in kinds or AGREEMENT in kinds) and case.form == "jij":
            found.append(f"advice or agreement markers belong to u-texts: {where}")
        for start, end, kind in spans:
            word = plain[start:end]
            if kind == ADVICE and word.lower() != "je":
                found.append(f"generic marker on {word!r}: {where}")
            if kind == AGREEMENT and word.lower() not in ("hebt", "heeft", "kunt", "kan", "zult", "zal"):
                found.append(f"agreement marker on {word!r}: {where}")
            if word != word.strip():
                found.append(f"marker with spaces around {word!r}: {where}")
    topics = Counter(case.topic for case in cases)
    found += [f"topic {topic!r} has {topics[topic]} cases, needs 8" for topic in TOPICS if topics[topic] < 8]
    if sum(case.form == "auto" for case in cases) < 25:
        found.append("fewer than 25 cases checked with form 'auto'")
    if len(cases) < 170:
        found.append(f"{len(cases)} cases, needs 170")
    return found


if __name__ == "__main__":
    topics = Counter(case.topic for case in CASES)
    forms = Counter(case.form for case in CASES)
    detected = Counter(case.detected for case in CASES)
    markers = Counter(kind for case in CASES for _start, _end, kind in parse(case.text)[1])
    print(f"{len(CASES)} cases")  # noqa: T201
    for topic in TOPICS:
        print(f"  {topic:<16} {topics[topic]:>3}")  # noqa: T201
    print("form:     " + ", ".join(f"{name} {forms[name]}" for name in ("u", "jij", "auto")))  # noqa: T201
    print("detected: " + ", ".join(f"{name} {detected[name]}" for name in ("u", "jij", "mixed", "none")))  # noqa: T201
    print("markers:  " + ", ".join(f"{name} {markers[name]}" for name in (ERROR, ADVICE, AGREEMENT)))  # noqa: T201
    trouble = problems()
    for line in trouble:
        print("PROBLEM", line)  # noqa: T201
    raise SystemExit(1 if trouble else 0)
