/**
 * The prompts, checklist items, numbered clauses and columns of every source form, copied from
 * the Dutch source documents (`/work/shared/seeds`), independently of the template code. Line
 * numbers are where the form starts. Lines are kept close to the source (bullets, dotted answer
 * lines and numbering are removed by `normalise`).
 */
export const sourcePrompts: Readonly<Record<string, readonly string[]>> = {
	// 001 L1225
	'01-agreement': [
		'Datum van de eerste bijeenkomst:',
		'Voornaam, naam van de mentee:',
		'Voornaam, naam van de mentor:',
		'· Duidelijk definiëren van de doelen en de ontwikkeling van het mentorprogramma;',
		'· Alle nodige instrumenten voor samenwerking binnen de mentorrelatie aan de mentee ter beschikking stellen;',
		'· Alle activiteiten op voorgaand plannen en de mentorrelatie beheren;',
		'· De mentee ondersteunen bij het opstellen van de loopbaan of de opleiding;',
		'· Alle vertrouwelijkheidsprocedures in acht nemen met betrekking tot de informatie en ideeën die tijdens de mentorrelatie zijn ontwikkeld;',
		'· Alle documenten terug te geven, in het bijzonder het plan voor ontwikkeling van de mentee aan het einde van het programma.',
		'· Het programma volgen en directe  verantwoordelijkheid hebben voor het leertraject;',
		'· Het schema volgen en alle afgesproken bijeenkomsten/gesprekken bijwonen en berichten schrijven op het platform…;',
		'· De vragenlijsten invullen en de activiteiten uitvoeren die door de mentor en eventueel de leerkracht van het project zijn bepaald. ',
		'De mentor en mentee zijn het ermee eens dat ze de evaluatieformulieren en alle monitoringdocumenten regelmatig zullen invullen. ',
		'Datum: _______________________________'
	],
	// 002 L50
	'01b-agreement-weeks': [
		'__________________________________ (mentee/ leerling)',
		'__________________________________ (mentor)',
		'De mentorrelatie duurt ___ weken',
		'vanaf ______.',
		'We zullen elkaar ______ keer ontmoeten.',
		'Elke vergadering duurt minimaal ____ minuten',
		'en maximaal ___ minuten.',
		'Het doel van de samenwerking is de volgende doelstellingen te bereiken:',
		'We zijn het erover eens dat de rol van de mentor is om:',
		'· Met betrekking tot de persoon te onderzoeken welke zaken van belang zijn om de overeengekomen doelstellingen te bereiken.',
		'· De mentee/ leerling aan te moedigen om na te denken over vaardigheden en prestaties',
		'· Geeft constructieve feedback en moedigt de mentee/ leerling aan om de overeengekomen doelen na te streven.',
		'We zijn het erover eens dat de rol van de mentee/ leerling is om:',
		'· Open te staan voor discussies om de overeengekomen doelstellingen te bereiken.',
		'· Na te denken over, en kritisch te kijken naar vaardigheden en prestaties, om de afgesproken doelstellingen te halen.',
		'· Verantwoordelijkheid te nemen om nieuwe dingen te leren.',
		'We komen overeen dat de inhoud van de gesprekken vertrouwelijk is.'
	],
	// 001 L1269: names, organisation, the 7 numbered clauses, acceptance, date
	'02-confidentiality': [
		'[Voornaam en naam van de mentee] ___________________',
		'[Voornaam en naam van de mentor] ___________________',
		'als nationale coördinator van het project',
		'Organisatie',
		'1. Tijdens de mentorrelatie zullen we vertrouwelijke onderwerpen bespreken De nationale coördinator informeert de mentoren en mentees dat alles wat er in hun relatie gezegd of gedaan wordt op het meest strikte niveau van vertrouwen zal worden gehouden',
		'2. De mentor en de leerling zijn verplicht om alle gegevens en informatie waarvan ze zich bewust zijn geworden in verband met hun deelname aan het mentorprogramma geheim te houden.',
		'3. Alle mentoren en mentees nemen op vrijwillige basis deel aan het project en kunnen een vorm van beloning voor hun werk ontvangen. De mentoren staan niet garant en zijn niet verantwoordelijk voor het advies dat aan de mentee wordt gegeven en worden niet gevraagd om een permanente relatie met de mentee te onderhouden na afloop van het programma.',
		// Source: "… moet u onmiddellijk …"; the app addresses people as "je" (docs/glossary.md).
		'4. De mentor en de mentee kunnen te allen tijde hun mentorrelatie en het programma opgeven. In het laatste geval moet je onmiddellijk de nationale coördinator op de hoogte brengen.',
		'5. Binnen het project zijn procedures voor het monitoren en beoordelen van de kwaliteit van de door het project geleverde diensten ingevoerd. De mentoren en mentees komen overeen om de nationale coördinator alle informatie te verstrekken die het beheer, de evaluatie en het toezicht op het mentorprogramma vergemakkelijkt.',
		'6. Door deel te nemen aan het mentorprogramma dat binnen het project wordt uitgevoerd, erkennen de partijen dat de nationale coördinator niet kan worden opgeroepen voor een rechtszaak of aansprakelijk kan worden gesteld voor geschillen of problemen die zich voordoen tussen de mensen die betrokken zijn bij de mentorrelatie.',
		'7. Als de mentor of mentee het gevoel heeft dat hun relatie niet goed is omdat ze niet bij elkaar passen, kan de coördinator misschien van de mentor veranderen.',
		'Ik heb bovenstaande aandachtspunten gelezen, begrepen en aanvaard.',
		'Datum'
	],
	// 001 L1336: names, date, 13 mentor prompts, 12 mentee prompts, other
	'03-mutual-presentation': [
		'[Naam van de mentor] ___________________',
		'[Naam van de mentee] ___________________',
		'Datum van de bijeenkomst: ___________________________________',
		'· De huidige werkrol',
		'· Belangrijkste ervaring in mijn leven',
		'· Het incident dat mij meer voldoening gaf',
		'· De situatie waar ik het meest spijt van heb gehad',
		"· Mijn hobby's en interesses buiten het werk",
		'· Mijn favoriete film',
		'· De dingen die velen over mij praten',
		// Source: "Wat verwacht ik van de mentorspad?" ("mentorspad" is no Dutch word; "traject", docs/glossary.md).
		'· Wat verwacht ik van het mentortraject?',
		'· Wat verwacht ik van mezelf ',
		// Source: "Wat verwacht ik van u", "Heeft u vragen over mij?" ("u" → "je", docs/glossary.md).
		'· Wat verwacht ik van jou',
		'· Heb je vragen over mij?',
		'· Waarom hebben de projectpartners voor dit project gekozen?',
		'· Andere vragen/ vrijelijk beantwoorden',
		"· Mijn hobby's en interesses buiten het werk/ de school",
		'Overig (inzichten, vragen en een willekeurig aantal gesprekken) (aantekeningen voor volgende bijeenkomsten en/ of opname in het logboek): '
	],
	// 002 L1
	'role-planning': [
		'Hoe vaak ga je met elkaar in gesprek?',
		// Source: "coaching gesprek", "Waar kun je … het beste …" (spelling and "je kan", docs/glossary.md).
		'Wat is de beste tijd voor een coachingsgesprek?',
		'Waar kan je elkaar het best ontmoeten?',
		'Waar kan je het best gaan zitten?',
		'Hoelang plan je voor de gesprekken?',
		'Wat ga je met elkaar bespreken?'
	],
	// 002 L96
	'statements-20': [
		"1. Tijdens bijeenkomsten moet de coach / mentor altijd 'in de stoel' zitten en het proces controleren.",
		'2. De coach / mentor zou degene moeten zijn die de vragen stelt.',
		'3. De leerling zou degene moeten zijn die de vragen stelt.',
		'4. De coach / mentor is degene die ervoor moet zorgen dat het gesprek op schema blijft.',
		'5. Ze moeten beide altijd bij het onderwerp blijven.',
		"6. Er is geen plaats voor 'sociale' chat in coach / mentorgesprekken.",
		'7. Elk conflict tussen de twee moet worden uitgesproken en aangepakt.',
		"8. De 'spelregels' van het proces moeten altijd vooraf worden overeengekomen.",
		'9. De reden hoe en waarom is minder belangrijk dan de oplossing en in actie komen.',
		'10. Met je hoofdschudden kan ook betekenen dat je een overeenkomst hebt.',
		'11. Beide partijen moeten de agenda altijd vooraf kennen.',
		'12. Een actieplan moet altijd worden geschreven en overhandigd worden door de leerling.',
		'13. De tijdsplanning voor elk deel van de bijeenkomst moet worden gespecificeerd en nageleefd.',
		'14. Zodra de agenda is afgehandeld eindigt de bijeenkomst.',
		'15. Vooraf moet een duidelijke eindtijd voor de bijeenkomst worden afgesproken.',
		'16. Het is belangrijk dat de coach/ mentor de bijeenkomst aan het eind samenvat.',
		'17. Een datum voor de volgende bijeenkomst moet altijd worden gepland voordat je vertrekt.',
		'18. De bijeenkomst moet altijd op neutraal terrein zijn.',
		'19. De leidinggevende moet altijd een exemplaar van de agenda en het actieplan ontvangen.',
		'20. Als de coach / mentor een probleem met de leerling ondervindt, moet hij / zij de leidinggevende hierover informeren.'
	],
	// 001 L1412: header and the 16 prompts
	PS1: [
		'[Voornaam en naam van de mentee] ___________________',
		'[Voornaam en naam van de mentor] ___________________',
		'Datum',
		'bijeenkomst / e-mail',
		'· Wat mij het meest beviel tijdens mijn professionele opleiding',
		'· De meest traumatische gebeurtenis op school of tijdens mijn beroepsopleiding',
		'· Wat mij het meest zorgen baart over de toekomst',
		'· Wat zijn de positieve aspecten van mijn toekomst',
		'· Wat zijn mijn professionele ambities',
		'· Wat zijn de vakgebieden waarin ik graag zou willen werken',
		'· Wat weet ik over deze sectoren, wat is de perceptie die ik erover heb',
		'· Waarom',
		'· Ik voel me gedesoriënteerd wanneer …',
		'· Ik geloof dat mijn competentie, persoonlijk profiel en vaardigheden, motivatie, waarden en ideeën als volgt kunnen worden samengevat ',
		'· Wat ik mis is...',
		'· Welk deel van mijn schoolervaring kan ik in de toekomst gebruiken ',
		'· Hoe het best kan ik leren (zelfstandig, met andere collega’s/studenten, door video’s te kijken, met leraar/coach, enz.)',
		'· Ik veronderstel dat ik ... nodig heb',
		'· Een vraag waar ik graag met mijn mentor mee wil praten',
		'· Overige (diepgaande vragen, enz., aantekeningen voor mijn logboek)'
	],
	// 001 L1477
	PS2: [
		'Volg de ervaring - de stappen van de training van de mentee ',
		'Jaar',
		'Schoolonderwijs',
		'Kennis',
		'Technische of soft skills',
		'Persoonlijke beoordeling',
		// Source: "met mij mentor" (a slip for "mijn").
		'Andere (diepgaande vragen of vragen die ik met mijn mentor wil bespreken of in het logboek wil noteren): ……',
		'Beoordeling, commentaar en analyse door de mentor'
	],
	// 001 L1527
	PS3: [
		'Waardenlijst',
		'Beschrijving',
		'Indirecte/uitdrukkelijke waarden',
		'Waar kan ik bewijs of documenten van deze waarden krijgen of waar kan ik deze vragen',
		// Source in the "u" form ("Wat zijn de waarden voor u?" …); the app says "je" (docs/glossary.md).
		'1. Wat zijn de waarden voor jou?',
		'2. Wat zijn je persoonlijke waarden en wat geloof je in je leven?',
		'3. Wat denk je, wat is belangrijk (voor jou) in het leven?',
		'4. Wat vind je van de onderwijswaarden en wat zijn jouw waarden voor de school / het leren?',
		'Model 2. Leerproblemen',
		'Lijst van problemen',
		'Een positieve situatie of een manier om met dit probleem om te gaan',
		'Model 3. Problemen bij het kiezen van richting voor mentees van de volgende leeftijd',
		// Source: "met mij mentor" (a slip for "mijn").
		'Andere (diepgaande vragen of vragen die ik met mijn mentor wil bespreken of in het logboek wil noteren): '
	],
	// 001 L1672 and the action plan L1721 (SMART: the source's "Martelend"/"Halbaar" are
	// mistranslations of Meetbaar/Haalbaar, see v1.ts)
	V1: [
		'Datum van de bijeenkomst: ___________________________________',
		'S Specifiek',
		'M Meetbaar',
		'A Haalbaar / gedeeld',
		'R Realistisch / relevant',
		'T Tijd',
		'• Heeft de mentee de verwachte score bereikt?',
		'• Is de mentee tevreden van zijn prestatie en heeft hij/zij zijn best gedaan?',
		'• Is de mentee teleurgesteld dat hij/zij het verwachte doel niet heeft bereikt?',
		'Naam van de mentee: ',
		'School: ',
		'Naam van de mentor: ',
		'Sportvereniging: ',
		'Datum mentoringsessie: ',
		'Doelen',
		'Acties',
		'Stand van de kunst',
		'Synchronisatie'
	],
	// 001 L1781
	V2: [
		'Technische vaardigheden oefenen:',
		'DOELEN: Technische vaardigheden oefenen:',
		'Vriend van de mentee / of van de mentor',
		'ZELFSTANDIGE RESULTATEN VAN DE MENTEE',
		'RESULTATEN SAMEN/IN HET TEAM',
		'WAAROM HEB IK HET DOEL NIET ALLEEN BEREIKT?',
		'WAAROM HEB IK HET DOEL MET BEHULP VAN HET TEAM OF SAMEN MET DE MENTOR/VRIEND BEREIKT?',
		'WAT ZIJN DE VOORDELEN VAN DE SAMENWERKING?',
		'WAT HEB IK GELEERD?',
		'IN WELKE ANDERE GEBIEDEN KUNNEN WE HET GELEERDE TOEPASSEN?'
	],
	// 001 L1884
	V3: [
		'WAT VOND IK LEUK?',
		'WAT VOND IK NIET LEUK?',
		'WAT HEB IK GELEERD?',
		'WAT HEB IK GELEERD VAN DE ANDERE PERSOON?',
		'WIE HEB IK ONTMOET?',
		'WAT ZIJN DE VOORDELEN VAN DE DEELNAME AAN DERGELIJKE EVENEMENTEN?',
		'WAT ZIJN DE VOORDELEN VAN DEELNAME AAN HET LEVEN VAN DE ORGANISATIE?',
		'WAT ZIJN DE VOORDELEN VAN DEELNAME AAN DE GEMEENSCHAP?'
	],
	// 001 L1908
	S1: [
		'Andere vragen (inzichten, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten):',
		'Oefening - Spel:',
		'Oefeningsfasen - Spel:',
		'Lijst van benodigde materialen:',
		'Plaatsten en positionering van de materialen in de fasen en ruimte van het spel:'
	],
	// 001 L1992
	S2: [
		'Andere vragen (inzichten, vragen en inhoud van een gesprek) (aantekeningen voor de toekomstige bijeenkomsten):',
		'Oefening:',
		'VOORBEREIDING',
		'Oefeningsfasen - Spel:',
		'TIJD A',
		'Doelen voor de tijd A:',
		'TIJD B',
		'Doelen voor de tijd B:',
		'TIJD C',
		'Doelen voor de tijd C:',
		'WAAROM BEREIKTE IK DE DOELEN?',
		'WELKE SOORTEN PERSOONLIJKE MIDDELEN HEB IK GEBRUIKT VOOR HET BEREIKEN VAN DE DOELEN?',
		'WAAROM HEB IK ER NIET IN GESLAAGD?',
		'WELKE PERSOONLIJKE MIDDELEN MOET IK BETER GEBRUIKEN OM HET DOEL TE BEREIKEN?'
	],
	// 001 L2087
	S3: [
		'Andere vragen (inzichten, vragen en inhoud van een gesprek) (aantekeningen voor de toekomstige bijeenkomsten):',
		'Oefening:',
		'VOORBEREIDING',
		'Oefeningsfasen - Spel:',
		'TIJD A',
		'Doelen voor de tijd A:',
		'TIJD B',
		'Doelen voor de tijd B:',
		'TIJD C',
		'Doelen voor de tijd C:',
		'WAAROM BEREIKTE IK DE DOELEN?',
		'WELKE SOORTEN PERSOONLIJKE MIDDELEN HEB IK GEBRUIKT VOOR HET BEREIKEN VAN DE DOELEN?',
		'WAAROM HEB IK ER NIET IN GESLAAGD?',
		'WELKE ACTIE HEB IK NIET ONDERNOMEN OM DE DOELEN TE BEREIKEN?',
		'WELKE PERSOONLIJKE MIDDELEN MOET IK BETER GEBRUIKEN OM HET DOEL TE BEREIKEN?',
		'- HOE KUNNEN WE DE ONTWIKKELING VAN MENTEE VERBETEREN _____________________________',
		"- LEG HET BELANG VAN DUURZAAMHEID EN COPING UIT (uitleggen met voorbeelden of video's en bespreken met enkele persoonlijke verhalen)",
		'- WAT HELPT DE MOTIVATIE EN ZELFMOTIVATIE VAN DE MENTEE? WAARAAN DENKT HIJ/ZIJ? LEG UIT EN BESPREEK HET BELANG VAN DE ZELFMOTIVATIE SAMEN. ',
		"- LEG HET BELANG UIT VAN HET VERBETEREN VAN DE RESULTAATGERICHTHEID EN DE BENADERING “GEEF NOOIT OP” (leg uit met voorbeelden of video's, en bespreek samen met enkele persoonlijke verhalen)",
		"- GESPREKKEN OVER HET BELANG VAN HET BEGRIJPEN WAT EN WAAROM HET WORDT GEDAAN (leg uit met voorbeelden, video's, enkele persoonlijke verhalen)."
	],
	// 001 L2218
	S4: [
		'Maak een lijst met contacten die de mentee kunnen helpen.',
		'Andere vragen (gegevens, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten):…….………',
		"· Organiseer trainingssessies met andere sport- of gemeenschapsstudenten of collega's op school, of studeer samen in het trainingscentrum of anderszins;",
		'· Moedig de mentee aan om nieuwe mensen te ontmoeten;',
		'· Moedig de mentee aan om andere mentees te ontmoeten, om samen aan sportsessies deel te nemen, of om samen te sporten of om samen naar een show te gaan;',
		'· Moedig de mentee aan om samen met anderen te leren die geen mentees zijn;',
		'· Geef specifieke taken om "nieuwe relaties op te bouwen" tussen de ene en de andere mentorsessie;',
		'· Introduceer andere coaches of andere sportinstructeurs of professionals die de mentee zullen aanmoedigen om andere sporten of andere spellen te proberen;',
		'· Introduceer andere leerlingen door hen aan te moedigen om te proberen om samen sportsessies of spelletjes te organiseren;',
		'· Moedig de vriendschap aan en neem samen ijs of ga op sportevenementen met andere leerlingen;',
		'· Moedig de mentee aan om informatie te verzamelen over sportevenementen of tentoonstellingen, spellen, enz.;',
		'· Moedig de mentee aan om de mensen altijd te "begroeten" die elkaar in de sportomgeving of in het leercentrum hebben ontmoet om hun "zichtbaarheid" in de sportorganisatie te ondersteunen.',
		'· Overige........'
	],
	// 001 L2305
	// "Wij – het doorgaan" (001… L2280–2289): the list of reached goals and the future goals.
	'MO-closing': [
		'Gedetailleerde lijst van de doelen, bereikt door de mentee:',
		'· Waarden',
		'· Soft skills',
		'· Persoonlijke middelen',
		'· Overige, die niet tot de andere gebieden behoren',
		'· Doelen in de toekomst voor autonome ontwikkeling stellen/onderhandelen '
	],
	'04-development-plan': [
		'Datum van de bijeenkomst:_______________________________________________',
		'1. Wat wil ik doen?',
		'2. Waar?',
		'3. Onder welke voorwaarden en omstandigheden?',
		'1. Welke zijn de elementen die ik al heb (in termen van kennis, vaardigheden, waarden en persoonlijke competenties)',
		'2. Wat moet ik verbeteren (in termen van kennis die ik moet verwerven / het opbouwen van vaardigheden / houding ten opzichte van de ontwikkeling)',
		'3. . Wat moet vanaf nul worden ontwikkeld (in termen van kennis die ik moet verwerven / het opbouwen van vaardigheden / houding ten opzichte van de ontwikkeling)',
		'Verwijs naar de aspecten die in de vorige bestanden werden gemarkeerd.',
		'4. Hoe kan ik mogelijke moeilijkheden overwinnen',
		'1. Wat voor soort training en/of geheime technieken en/of werkorganisatie zijn nodig om mijn doelen binnen en buiten het bedrijf/organisatie te bereiken of om beter te kunnen concurreren op de arbeidsmarkt ',
		'2. Welke strategieën zijn passend om mijn specifieke problemen binnen en buiten het bedrijf/organisatie of de arbeidsmarkt te overwinnen',
		'3. Welke activiteiten en hoeveel tijd zijn nodig om mijn doelen binnen en buiten het bedrijf/organisatie of de arbeidsmarkt te bereiken',
		'4. Hoe de stappen van ontwikkeling binnen en buiten het bedrijf/organisatie of de arbeidsmarkt te structureren.',
		'Middellangetermijn- en langetermijndoelen',
		'Activiteiten (Maak een lijst)',
		'Einddatum',
		// Source: "waarop u het doel …" ("u" → "je", docs/glossary.md).
		'bepaal de einddatum waarop je het doel voor alle activiteiten zult bereiken',
		'Beoordeling (moet op bepaalde datums met de mentor gedaan worden)',
		'POSITIEF RESULTAAT (WAAROM EN WAAR DEED IK HET WEL):',
		'NEGATIEF RESULTAAT (WAAROM EN WAAR DEED IK HET NIET GOED):',
		'Verbintenissen tussen de mentor en mentee:'
	],
	// 001 L2486, part 1
	'A-mentor-log': [
		'[NAAM VAN DE MENTOR] ___________________',
		'Datum van de bijeenkomst:_______________________________________________',
		'WIE IS HIJ/ZIJ (datums en persoonlijke informatie voor de mentee):',
		'PERSOONLIJKE OBSERVATIES (indrukken, emoties tijdens de relatie):',
		'OPMERKINGEN:',
		'Andere vragen (gegevens, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten): ……'
	],
	// 001 L2517, part 2
	'A-mentor-log-part2': [
		'Datum van de bijeenkomst: _______________________________________________',
		'Gebruikt blad (geef aan welk blad i.v.t.):',
		'Moeilijkheden die tijdens het traject zijn ondervonden [specificeer welke]',
		'De relatie versterken [specificeer welke]',
		'Andere vragen (gegevens, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten):'
	],
	// 001 L2564, part 1
	'B-mentee-log': [
		'[NAAM VAN DE MENTEE] ___________________',
		'Datum van de bijeenkomst:________________________________________________',
		'Wat is gebeurd tijdens de sessie?',
		'Wat denk ik over de activiteiten? ',
		'Wat wou ik graag verduidelijken met mijn mentor?',
		'Opmerkingen',
		'Andere vragen (gegevens, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten):'
	],
	// 001 L2594, part 2
	'B-mentee-log-part2': [
		'Datum van de bijeenkomst: _______________________________________________',
		'Gebruikt blad (geef aan welk blad i.v.t.):',
		'Moeilijkheden die tijdens het traject zijn ondervonden [specificeer welke]',
		'De relatie versterken [specificeer welke]',
		'Andere vragen (gegevens, vragen en inhoud van het gesprek) (aantekeningen voor toekomstige bijeenkomsten):'
	],
	// 001 L961
	'match-mentee': [
		'[NAAM VAN DE MENTEE] ___________________',
		// Source: "… die u heeft ontmoet en tegen de naam – zijn/haar wensen en uw eerste indruk of u de mentor
		// leuk of niet leuk vindt." Same meaning, "je" form, "tegen de naam" (a word-for-word "against") as "naast".
		'Schrijf de naam van elke mentor die je hebt ontmoet en naast de naam zijn/haar wensen en je eerste indruk: vind je de mentor leuk of niet?',
		'Ik vind hem/haar niet leuk',
		'Kies 3 favoriete mentoren ',
		'voorkeursplek voor zijn bijeenkomsten'
	],
	// 001 L1055
	'match-mentor': [
		'[naam van de mentor] ___________________',
		// Source in the "u" form ("Wat is uw naam?" …); the app says "je" (docs/glossary.md).
		' Wat is je naam?',
		' Welke sporten vind je leuk?',
		' De situatie die je een gevoel van voldoening op school gaf;',
		' De situatie waar je het meest spijt van hebt op school;',
		" Je hobby's en interesses buiten de school;",
		' Interesses, sport en passies die je hebt;',
		' Je favoriete film;',
		// Source: "De dingen die over u zeggen (bijvoorbeeld wat voor u belangrijk in het leven is, enz...)": the
		// missing "iets" is added.
		' De dingen die iets over je zeggen (bijvoorbeeld wat voor jou belangrijk is in het leven, enz.) ...',
		' Mijn naam is.....',
		" Mijn hobby's en interesses;",
		' De situatie die mij gevoel van meeste voldoening gaf toen ik op school zat;',
		' De situatie die mij meer pijn gaf toen ik op school zat;',
		' Interesses, sport en passies waar ik van hou en oefen;',
		' Mijn favoriete film;',
		' Andere vragen/ antwoorden ...',
		'voorkeursplek voor de ontmoetingen'
	],
	// 000 L42–58: the matching criteria and what each side is asked
	'mentee-intake': ['Ervaring', 'Geslacht', 'Toegankelijkheid', 'Professionele interesses'],
	'mentor-self-assessment': [
		'expertise',
		'sterktes',
		'interesses',
		'hulpmiddelen',
		'Ervaring',
		'Geslacht',
		'Toegankelijkheid'
	],
	// 003 L190–273
	'teacher-needs': [
		'die net de lerarenopleidingen voltooid',
		'na een lange periode na het afstuderen opnieuw les',
		'zij-instromer zonder opleiding of beroepservaring in het onderwijs',
		'stress, angst en de praktijkschok in de eerste weken als leerkracht',
		'zelfvertrouwen op te bouwen',
		'worden van het schoolteam',
		'ouders en de lokale gemeenschap',
		'wegwijsbegeleiding',
		'werkbegeleiding',
		'leerbegeleiding',
		'met de schoolorganisatie en met haar cultuur, normen en waarden',
		'interesse',
		'leerprofiel',
		'overtuigingen',
		'1. begeleider van leer- en ontwikkelingsprocessen',
		'2. opvoeder',
		'3. inhoudelijke expert',
		'4. organisator',
		'5. innovator en onderzoeker',
		'6. partner van de ouders of verzorgers',
		'7. lid van een schoolteam',
		'8. partner van externen',
		'9. lid van de onderwijsgemeenschap',
		'10. cultuurparticipant',
		'lesobservatie in de klas, met debriefing in de vorm van een professioneel gesprek',
		'het gezamenlijk voorbereiden van lessen, co-teaching/team teaching',
		'informele uitwisselingen',
		'door mentoren',
		"door collega's in het schoolteam",
		'door externe ondersteuning',
		'door zelfreflectie',
		'één-op-één-mentoring',
		'groepsmentoring',
		'ervaren leerkrachten inzetten',
		'informeel mentorschap'
	],
	// 003 L270, L172: the observation with its debrief as a professional conversation
	'lesson-observation': [
		'wat moeten de leerlingen na de les kennen of kunnen',
		'vooraf samen afgesproken',
		'wat zie ik?',
		'wat denk ik?',
		'op welke manieren kunnen de praktijk of de resultaten van de leerlingen verbeteren',
		'reflectie op de impact',
		'wat spreken we af'
	],
	// 003 L271, L119, L172
	'lesson-preparation': [
		'wat moeten de leerlingen na de les kennen of kunnen',
		'beginsituatie van de leerlingen en van de groep',
		'co-teaching/team teaching',
		'wie doet wat?',
		'verschillen tussen leerlingen',
		'werd het lesdoel bereikt'
	],
	// 003 L117–143: the ten roles, in the seed's wording
	'teacher-roles': [
		'als begeleider van leer- en ontwikkelingsprocessen',
		'als opvoeder',
		'als inhoudelijke expert',
		'als organisator',
		'als innovator en onderzoeker',
		'als partner van de ouders of verzorgers',
		'als lid van een schoolteam',
		'als partner van externen',
		'als lid van de onderwijsgemeenschap',
		'als cultuurparticipant'
	],
	// 001 L68–259
	'program-self-evaluation': [
		'zeer duidelijke doelstellingen',
		'Een vereenvoudigd aanvraagformulier',
		'een betrouwbaar bewijs van een derde partij (bijvoorbeeld een werkgever, een leraar of een collega)',
		'netwerk van contacten, zoals lokale werkgevers, vrijwilligersgroepen en organisaties',
		'meer deelnemers dan nodig aan te trekken',
		'· Posters, brochures, folders, flyers ',
		'· E-mails naar doelgroepen',
		'· Presentaties voor een uitgenodigd publiek',
		'· Aanbevelingen en verhalen over concrete gevallen',
		'· Informatie over het programma op websites opnemen',
		'risicomanagement',
		'in contact met een en dezelfde persoon',
		'zorgen te delen voordat ze zeer ernstig worden',
		'in harmonie zijn met de oorsprong en de behoeften van de mentee',
		'een psycholoog, een prediker en een leraar',
		'een uitgebreid handboek dat de deelnemers ontvangen',
		'Overeenkomst over procedures en rollen',
		'Overeenkomst over de doelen en resultaten',
		'regelmatig monitoringproces dat actief controleert of de relatie goed werkt',
		'in geen enkel stadium van de rapport',
		'certificaat van voltooiing',
		'een portfolio samen te stellen met directe bewijzen',
		'· Wordt het voorgestelde model hieronder gebruikt en, zo ja, hoe nuttig was het?',
		'· Is er een alternatief model gebruikt en, zo ja, wat zijn de kenmerken ervan en wat zijn de resultaten van de evaluatie van de kennis?',
		'· Als het antwoord op de bovenstaande twee vragen ontkennend is, waarom en wat zijn dan de resultaten?'
	]
};
