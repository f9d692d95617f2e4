"""French, Spanish, German and Italian figures, as a newsreader of each language says them.

One row a written sentence and what a native newsreader says for it."""

from __future__ import annotations

import pytest

from audiogen.text.normalize import conversions, normalize, spoken_forms_note

FRENCH: list[tuple[str, str]] = [
    ("le 1er juin 2024", "le premier juin deux mille vingt-quatre"),
    ("le 3 mai 1999", "le trois mai mille neuf cent quatre-vingt-dix-neuf"),
    ("le 14/07/2023", "le quatorze juillet deux mille vingt-trois"),
    ("du 3-5 mai", "du trois à cinq mai"),
    ("1 250 000 électeurs", "Un million deux cent cinquante mille électeurs"),
    ("12,5 % des voix", "Douze virgule cinq pour cent des voix"),
    ("de 12 à 14 %", "de douze à quatorze pour cent"),
    ("entre 20-25 %", "entre vingt à vingt-cinq pour cent"),
    ("4,50 €", "Quatre euros cinquante"),
    ("1 €", "Un euro"),
    ("0,50 €", "Cinquante centimes"),
    ("2 000 000 €", "Deux millions d'euros"),
    ("2,5 milliards €", "Deux virgule cinq milliards d'euros"),
    ("1 £", "Une livre"),
    ("30 $", "Trente dollars"),
    ("le 21e siècle", "le vingt et unième siècle"),
    ("la 1re place", "la première place"),
    ("le 1 000e visiteur", "le millième visiteur"),
    ("21 pays", "Vingt et un pays"),
    ("à 18 h 30", "à dix-huit heures trente"),
    ("dès 9h", "dès neuf heures"),
    ("vers 1 h du matin", "vers une heure du matin"),
    ("à 21 h 05", "à vingt et une heures cinq"),
    ("entre 12:00 et 14:00", "entre douze heures et quatorze heures"),
    # Hours that are no clock time; "24h/24" and "7j/7".
    (
        "dans les 48h, 72 h plus tard",
        "dans les quarante-huit heures, soixante-douze heures plus tard",
    ),
    ("ouvert 24h/24 et 7j/7", "ouvert vingt-quatre heures sur vingt-quatre et sept jours sur sept"),
    # "de" and "que" elide before a figure said "un".
    ("un budget de 1,2 milliard", "un budget d'un virgule deux milliard"),
    ("passera de 1,90 € à 2,10 €", "passera d'un euro quatre-vingt-dix à deux euros dix"),
    ("pas plus que 1 million", "pas plus qu'un million"),
    # Ordinals in Roman numerals: centuries, republics, arrondissements, kings.
    ("au XXe siècle", "au vingtième siècle"),
    ("au XXIe siècle", "au vingt et unième siècle"),
    ("sous la Ve République", "sous la cinquième République"),
    ("dans le XVIe arrondissement", "dans le seizième arrondissement"),
    ("François Ier", "François premier"),
    ("la Ire armée", "la première armée"),
    ("Le texte de De Gaulle", "Le texte de De Gaulle"),
    ("Louis XIV", "Louis XIV"),  # a king's number: the voice says it right
    ("le dossier n° 5", "le dossier numéro cinq"),
    ("N° 12 du classement", "Numéro douze du classement"),
    # A law's number is no range; the Constitution's "49.3" is "quarante-neuf trois".
    ("la loi n° 2023-1234", "la loi numéro deux mille vingt-trois - mille deux cent trente-quatre"),
    ("recours au 49.3 ou au 49-3", "recours au quarante-neuf trois ou au quarante-neuf trois"),
    ("selon l'article 47.1 et l'art. 16", "selon l'article quarante-sept un et l'article seize"),
    # An era after a year or a century; its full stop may end the sentence too.
    ("vers 50 av. J.-C. en Gaule", "vers cinquante avant Jésus-Christ en Gaule"),
    # Letters and figures in one word; a leading zero is said, figure by figure.
    ("sur l'A7 avant le G7", "sur l'A sept avant le G sept"),
    ("le virus H5N1, la 5G et la COP28", "le virus H cinq N un, la cinq G et la COP vingt-huit"),
    (
        "Appelez le 01 45 67 89 10.",
        "Appelez le zéro un quarante-cinq soixante-sept quatre-vingt-neuf dix.",
    ),
    (
        "au Ve siècle av. J.-C., mort en 14 apr. J.-C.",
        "au cinquième siècle avant Jésus-Christ, mort en quatorze après Jésus-Christ.",
    ),
    # Units said in full, agreeing with the figure (French is singular below two).
    ("Il a marché 5 km sous 25 °C.", "Il a marché cinq kilomètres sous vingt-cinq degrés."),
    ("Il a couru 1 km.", "Il a couru un kilomètre."),
    (
        "Il pèse 80 kg et mesure 1,80 m.",
        "Il pèse quatre-vingts kilogrammes et mesure un mètre quatre-vingts.",
    ),
    ("12 cm, 3 mm et 500 g", "Douze centimètres, trois millimètres et cinq cents grammes"),
    ("1 t de déchets, 21 t de sable", "Une tonne de déchets, vingt et une tonnes de sable"),
    ("1,5 l d'eau", "Un virgule cinq litre d'eau"),
    ("roule à 130 km/h", "roule à cent trente kilomètres heure"),
    ("un logement de 50 m² sur 20 ha", "un logement de cinquante mètres carrés sur vingt hectares"),
    ("un taux de 0,5 ‰", "un taux de zéro virgule cinq pour mille"),
    ("Il faisait 30°C.", "Il faisait trente degrés."),
    ("Il fait 95 °F.", "Il fait quatre-vingt-quinze degrés Fahrenheit."),
    # A unit after a slash is "per" it.
    ("le gazole à 1,85 €/l", "le gazole à un euro quatre-vingt-cinq par litre"),
    ("10 000 € par m²", "Dix mille euros par mètre carré"),
    (
        "95 g/km et 0,5 g/l",
        "Quatre-vingt-quinze grammes par kilomètre et zéro virgule cinq gramme par litre",
    ),
    (
        "20 000 hab./km² et 1 500 €/mois",
        "Vingt mille habitants par kilomètre carré et mille cinq cents euros par mois",
    ),
    # Signed figures.
    ("Les actions reculent de -3 %.", "Les actions reculent de moins trois pour cent."),
    ("Il fait -5 °C à Lyon.", "Il fait moins cinq degrés à Lyon."),
    ("Il fait -1 °C.", "Il fait moins un degré."),
    ("Le solde est de -12.", "Le solde est de moins douze."),
    ("en hausse de +2,5 %", "en hausse de plus deux virgule cinq pour cent"),
    # Millions and milliards of euros, dollars and pounds, as abbreviated.
    ("un projet de 3 M€", "un projet de trois millions d'euros"),
    ("un budget de 1,2 Md€", "un budget d'un virgule deux milliard d'euros"),
    (
        "2,5 Mrds € et 0,8 Mrd €",
        "Deux virgule cinq milliards d'euros et zéro virgule huit milliard d'euros",
    ),
    ("€1,5 Md", "Un virgule cinq milliard d'euros"),
    ("1 M$", "Un million de dollars"),
    ("4 M£", "Quatre millions de livres"),
    ("$1,5 M et £3 M", "Un virgule cinq million de dollars et trois millions de livres"),
    # Thousands of euros and dollars, said in full.
    ("un budget de 50 k€", "un budget de cinquante mille euros"),
    ("1,5 k€ et 30 k$", "Mille cinq cents euros et trente mille dollars"),
    # Numeric dates: the day first.
    ("le 31/12", "le trente et un décembre"),
    ("Le 31-12-2024", "Le trente et un décembre deux mille vingt-quatre"),
    ("publié le 2024-12-31", "publié le trente et un décembre deux mille vingt-quatre"),
    # A year in two figures: up to 49 in this century, from 50 in the last.
    ("le 31/12/24", "le trente et un décembre deux mille vingt-quatre"),
    ("né le 12/03/67", "né le douze mars mille neuf cent soixante-sept"),
    ("lundi 1/4 à 18 h", "lundi premier avril à dix-huit heures"),
    # A weekday abbreviated before a date.
    ("le ven. 3 mai", "le vendredi trois mai"),
    ("Dim. 1er juin à 18 h", "Dimanche premier juin à dix-huit heures"),
    ("du lun. 3 au ven. 7 mai", "du lundi trois au vendredi sept mai"),
    ("le mer. 3/5", "le mercredi trois mai"),
    ("Rendez-vous mar. 14 à 18 h.", "Rendez-vous mardi quatorze à dix-huit heures."),
    # "2nd" is "second".
    ("Il finit 2nd et elle 2nde.", "Il finit second et elle seconde."),
    ("la 2de Guerre mondiale, le 2d tour", "la seconde Guerre mondiale, le second tour"),
    # Titles before a name.
    ("M. Dupont et Mme Durand", "Monsieur Dupont et madame Durand"),
    ("MM. Dupont et Martin", "Messieurs Dupont et Martin"),
    ("Mmes Durand et Martin", "Mesdames Durand et Martin"),
    (
        "avec Mlle Martin, le Dr Petit, le Pr Raoult et Me Blanc",
        "avec mademoiselle Martin, le docteur Petit, le professeur Raoult et maître Blanc",
    ),
    ("selon M. le maire et Mme la ministre", "selon monsieur le maire et madame la ministre"),
    ("face à M. Le Pen et M. de Villepin", "face à monsieur Le Pen et monsieur de Villepin"),
    ("Ensuite M. Dupont a parlé.", "Ensuite monsieur Dupont a parlé."),
    # Fractions; a half is "la moitié" before "de", "demi" before a noun.
    ("les 2/3 des voix", "les deux tiers des voix"),
    ("1/3 des élus et 3/4 des maires", "Un tiers des élus et trois quarts des maires"),
    ("1/4 des élèves, 2/5 des sièges", "Un quart des élèves, deux cinquièmes des sièges"),
    ("1/10e des votes", "Un dixième des votes"),
    # A mark out of ten, twenty or a hundred.
    ("16/20 à l'oral, 7/10 en maths", "Seize sur vingt à l'oral, sept sur dix en maths"),
    ("plus de 1/2 des électeurs", "plus de la moitié des électeurs"),
    ("pendant 1/2 heure, avec 1/2 litre", "pendant une demi-heure, avec un demi-litre"),
    ("en une 1/2 heure", "en une demi-heure"),
    ("près d'1/3 des voix", "près d'un tiers des voix"),
    ("3/4 l d'eau", "Trois quarts de litre d'eau"),
    ("½ litre et ¾ des voix", "Un demi-litre et trois quarts des voix"),
    ("Il a dormi 2½ heures.", "Il a dormi deux heures et demie."),
    ("Il a couru 1½ km.", "Il a couru un kilomètre et demi."),
    ("Il a gagné 2½.", "Il a gagné deux et demi."),
    # A tournament's stages.
    ("le 1/4 de finale", "le quart de finale"),
    ("les 1/8 de finale et la 1/2 finale", "les huitièmes de finale et la demi-finale"),
    # A score, where a word before it makes it one.
    ("L'OM s'est imposé 2-1.", "L'OM s'est imposé deux à un."),
    ("Une victoire 3:0 face à Nice.", "Une victoire trois à zéro face à Nice."),
    ("Paris a battu Lyon 4-2.", "Paris a battu Lyon quatre à deux."),
    ("Le match s'est terminé 1-1.", "Le match s'est terminé un partout."),
    # A range at a sentence's end.
    ("Les prix ont augmenté de 10-15.", "Les prix ont augmenté de dix à quinze."),
    ("entre 10-15, puis 20-25", "entre dix à quinze, puis vingt à vingt-cinq"),
    # A decade of the 1900s is said without its century.
    ("dans les années 1990", "dans les années quatre-vingt-dix"),
    ("les années 2000", "les années deux mille"),
    # "24/7", "50/50" and a season.
    (
        "Le service est ouvert 24/7.",
        "Le service est ouvert vingt-quatre heures sur vingt-quatre, sept jours sur sept.",
    ),
    ("un partage 50/50", "un partage cinquante-cinquante"),
    ("la saison 2022/23", "la saison deux mille vingt-deux - deux mille vingt-trois"),
    ("l'exercice 1999/2000", "l'exercice mille neuf cent quatre-vingt-dix-neuf - deux mille"),
    # A whole number and a fraction written with a slash; a fraction of a per cent.
    ("Il a dormi 2 1/2 heures.", "Il a dormi deux heures et demie."),
    (
        "une hausse de 1/2 % et de 2 1/2 %",
        "une hausse d'un demi pour cent et de deux et demi pour cent",
    ),
    # Tenths of a group of people: "sept Français sur dix".
    ("7/10 des Français", "Sept Français sur dix"),
    ("Selon 3/10 des habitants,", "Selon trois habitants sur dix,"),
    ("8/10 des personnes interrogées", "Huit personnes interrogées sur dix"),
]
SPANISH: list[tuple[str, str]] = [
    ("el 1 de junio de 2024", "el uno de junio de dos mil veinticuatro"),
    ("el 3/5/2024", "el tres de mayo de dos mil veinticuatro"),
    ("12,5 %", "Doce coma cinco por ciento"),
    ("1.250.000 votantes", "Un millón doscientos cincuenta mil votantes"),
    ("4,50 €", "Cuatro euros con cincuenta"),
    ("21 €", "Veintiún euros"),
    ("1 £", "Una libra"),
    ("31 $", "Treinta y un dólares"),
    ("1.000.000 €", "Un millón de euros"),
    ("3 mill. €", "Tres millones de euros"),
    ("el 1.º lugar", "el primer lugar"),
    ("el 1er Congreso y el 3.er Festival", "el primer Congreso y el tercer Festival"),
    ("la 2.ª vez", "la segunda vez"),
    ("la 11.ª jornada y el 12.º puesto", "la undécima jornada y el duodécimo puesto"),
    ("entre 10-15 años", "entre diez a quince años"),
    ("3,14", "Tres coma catorce"),
    ("1,40 €", "Un euro con cuarenta"),
    ("1 €", "Un euro"),
    ("a las 18:30", "a las dieciocho treinta"),
    ("a las 13:00 horas", "a las trece horas"),
    ("a la 1:15", "a la una quince"),
    ("en 24 h, a las 18 h", "en veinticuatro horas, a las dieciocho horas"),
    ("Empieza a las 21.30.", "Empieza a las veintiuna treinta."),
    ("Caminó 5 km a 25 °C.", "Caminó cinco kilómetros a veinticinco grados."),
    ("Pesa 80 kg y mide 1,80 m.", "Pesa ochenta kilogramos y mide un metro ochenta."),
    ("21 ha y 200 t", "Veintiuna hectáreas y doscientas toneladas"),
    ("1 t y 1 km", "Una tonelada y un kilómetro"),
    (
        "Ardieron 500 ha de bosque y 20 ha.",
        "Ardieron quinientas hectáreas de bosque y veinte hectáreas.",
    ),
    ("a 130 km/h", "a ciento treinta kilómetros por hora"),
    (
        "cuesta 1,65 €/l; 95 hab./km²",
        "cuesta un euro con sesenta y cinco por litro; noventa y cinco habitantes por kilómetro "
        "cuadrado",
    ),
    ("50 m² y 1,5 l", "Cincuenta metros cuadrados y uno coma cinco litros"),
    ("un 5 ‰", "un cinco por mil"),
    ("Las acciones caen un -3 %.", "Las acciones caen un menos tres por ciento."),
    ("Hace -1 °C en Burgos.", "Hace menos un grado en Burgos."),
    ("Un proyecto de 3 M€.", "Un proyecto de tres millones de euros."),
    ("1 M€", "Un millón de euros"),
    ("Cuesta €1,5 mill.", "Cuesta uno coma cinco millones de euros."),
    ("200 £", "Doscientas libras"),
    ("un sueldo de 50 k€", "un sueldo de cincuenta mil euros"),
    ("1,5 k£", "Mil quinientas libras"),
    ("el 31/12", "el treinta y uno de diciembre"),
    ("el 31-12-2024", "el treinta y uno de diciembre de dos mil veinticuatro"),
    ("el 31/12/24", "el treinta y uno de diciembre de dos mil veinticuatro"),
    ("el vie. 3 de mayo", "el viernes tres de mayo"),
    ("el miér. 1 de mayo y el sáb. 4/5", "el miércoles uno de mayo y el sábado cuatro de mayo"),
    ("El vie. 3 a las 20:00.", "El viernes tres a las veinte horas."),
    ("El Sr. García y la Sra. López", "El señor García y la señora López"),
    (
        "la Srta. Ruiz, el Dr. Pérez y la Dra. Gómez",
        "la señorita Ruiz, el doctor Pérez y la doctora Gómez",
    ),
    ("D. Juan y Dña. María", "Don Juan y doña María"),
    ("con el Sr. de la Vega", "con el señor de la Vega"),
    # Fractions; a half is "la mitad" before "de", "medio" before a noun.
    ("los 2/3 del total", "los dos tercios del total"),
    ("1/3 de los votos y 3/4 del censo", "Un tercio de los votos y tres cuartos del censo"),
    ("1/5 de los escaños", "Un quinto de los escaños"),
    ("1/2 de los votos", "La mitad de los votos"),
    ("un 1/3 de los votos", "un tercio de los votos"),
    ("durante 1/2 hora con 1/2 litro", "durante media hora con medio litro"),
    ("Esperó 2½ horas.", "Esperó dos horas y media."),
    ("Ganó 2½.", "Ganó dos y medio."),
    ("Sacó un 7/10.", "Sacó un siete sobre diez."),
    ("los 1/8 de final", "los octavos de final"),
    # A score, where a word before it makes it one.
    ("El Madrid ganó 2-1.", "El Madrid ganó dos a uno."),
    ("El partido terminó 1-1.", "El partido terminó uno a uno."),
    ("Los precios subieron un 10-15.", "Los precios subieron un diez a quince."),
    ("Una victoria por 3:0.", "Una victoria por tres a cero."),
    # "24/7", "50/50" and a season.
    (
        "Abre 24/7.",
        "Abre las veinticuatro horas del día, los siete días de la semana.",
    ),
    ("un reparto 50/50 y al 50/50", "un reparto al cincuenta por ciento y al cincuenta por ciento"),
    ("la temporada 2022/23", "la temporada dos mil veintidós - dos mil veintitrés"),
    # A whole number and a fraction written with a slash; a fraction of a per cent.
    ("Esperó 2 1/2 horas.", "Esperó dos horas y media."),
    ("sube un 1/2 %", "sube un medio por ciento"),
    # Parts ("partes") are feminine ordinals.
    ("las ¾ partes del total", "las tres cuartas partes del total"),
    ("2/3 partes y 1/5 parte", "Dos terceras partes y una quinta parte"),
    # A decade of the 1900s is said without its century.
    ("en los años 1990", "en los años noventa"),
    # Number signs, and a law's number and year.
    ("el n.º 1 y la nº 2, el núm. 3", "el número uno y la número dos, el número tres"),
    (
        "la Ley 7/2022 y el Real Decreto 463/2020",
        "la Ley siete de dos mil veintidós y el Real Decreto cuatrocientos sesenta y tres de "
        "dos mil veinte",
    ),
    ("el art. 155", "el artículo ciento cincuenta y cinco"),
    # A century in Roman numerals: a cardinal past the tenth.
    ("en el siglo XIX y en el s. XXI", "en el siglo diecinueve y en el siglo veintiuno"),
    ("los siglos XV-XVI, el siglo V", "los siglos quince y dieciséis, el siglo quinto"),
    ("la cumbre del G20 y el CO2", "la cumbre del G veinte y el CO dos"),
    (
        "en el año 14 d. C. y el 100 a. C.",
        "en el año catorce después de Cristo y el cien antes de Cristo.",
    ),
]
GERMAN: list[tuple[str, str]] = [
    ("am 3. Mai", "am dritten Mai"),
    ("der 3. Oktober", "der dritte Oktober"),
    ("Berlin, 1. Juni 2024", "Berlin, erster Juni zweitausendvierundzwanzig"),
    ("am 03.05.2024", "am dritten Mai zweitausendvierundzwanzig"),
    ("im 2. Weltkrieg", "im zweiten Weltkrieg"),
    ("der 2. Weltkrieg endete 1945.", "der zweite Weltkrieg endete neunzehnhundertfünfundvierzig."),
    ("4,8 Prozent", "Vier Komma acht Prozent"),
    ("12,5 %", "Zwölf Komma fünf Prozent"),
    ("3,75 Meter", "Drei Komma sieben fünf Meter"),
    ("1.500 Menschen", "Eintausendfünfhundert Menschen"),
    ("4,50 €", "Vier Euro fünfzig"),
    ("1 €", "Ein Euro"),
    ("3,5 Mio. Euro", "Drei Komma fünf Millionen Euro"),
    ("1 Mrd. €", "Eine Milliarde Euro"),
    ("10-15 Grad", "Zehn bis fünfzehn Grad"),
    # A sentence ending in a figure is not an ordinal.
    ("Es waren 3. Dann kam", "Es waren drei. Dann kam"),
    ("um 18:30 Uhr", "um achtzehn Uhr dreißig"),
    ("um 18.30 Uhr", "um achtzehn Uhr dreißig"),
    ("um 20:00 Uhr", "um zwanzig Uhr"),
    ("um 1 Uhr", "um ein Uhr"),
    ("in 24 h, um 18 h, nach 1 h", "in vierundzwanzig Stunden, um achtzehn Uhr, nach einer Stunde"),
    ("Er lief 5 km bei 25 °C.", "Er lief fünf Kilometer bei fünfundzwanzig Grad."),
    ("Gewicht 80 kg, Größe 1,80 m", "Gewicht achtzig Kilogramm, Größe ein Meter achtzig"),
    ("1 t und 2 t", "Eine Tonne und zwei Tonnen"),
    ("1 km bei 130 km/h", "Ein Kilometer bei einhundertdreißig Kilometer pro Stunde"),
    ("50 m² auf 20 ha", "Fünfzig Quadratmeter auf zwanzig Hektar"),
    (
        "1,85 €/l bei 230 Einw./km²",
        "Ein Euro fünfundachtzig pro Liter bei zweihundertdreißig Einwohner pro Quadratkilometer",
    ),
    (
        "12,50 € pro m², 40 ct/kWh",
        "Zwölf Euro fünfzig pro Quadratmeter, vierzig Cent pro Kilowattstunde",
    ),
    ("mit 0,5 ‰", "mit null Komma fünf Promille"),
    ("Die Aktien fallen um -3 %.", "Die Aktien fallen um minus drei Prozent."),
    ("Es sind -5 °C.", "Es sind minus fünf Grad."),
    ("Die Preise stiegen um 1 %.", "Die Preise stiegen um ein Prozent."),
    # A decimal ending in one says "eins": only a whole "1" agrees with what it counts.
    ("Das BIP schrumpfte um 0,1 %.", "Das BIP schrumpfte um null Komma eins Prozent."),
    (
        "1,1 Mio. € und 2,1 Mrd. Euro",
        "Eins Komma eins Millionen Euro und zwei Komma eins Milliarden Euro",
    ),
    # "1" before a noun takes the case of the verb or preposition before it.
    ("Er läuft 1 km.", "Er läuft einen Kilometer."),
    ("Es kostet 1 €, er zahlt 1 Euro.", "Es kostet einen Euro, er zahlt einen Euro."),
    ("Der Abstand beträgt 1 m.", "Der Abstand beträgt einen Meter."),
    ("Sie ist 1 km lang, 1 m breit.", "Sie ist einen Kilometer lang, einen Meter breit."),
    ("mit 1 km Abstand aus 1 t Sand", "mit einem Kilometer Abstand aus einer Tonne Sand"),
    ("bei 1 °C, nach 1 Jahr, mit 1 %", "bei einem Grad, nach einem Jahr, mit einem Prozent"),
    ("für 1 € pro Tag", "für einen Euro pro Tag"),
    ("mit 1 Mio. € und 1 Frau", "mit einer Million Euro und einer Frau"),
    ("für 2 Mio € und 3 Mrd €", "für zwei Millionen Euro und drei Milliarden Euro"),
    ("Es kostet €1,5 Mrd.", "Es kostet eins Komma fünf Milliarden Euro."),
    ("3 M€", "Drei Millionen Euro"),
    ("1 Mio. €", "Eine Million Euro"),
    ("ein Budget von 50 K€", "ein Budget von fünfzigtausend Euro"),
    ("1,5 k€ und 20 k$", "Eintausendfünfhundert Euro und zwanzigtausend Dollar"),
    ("am 31.12.", "am einunddreißigsten Dezember."),
    ("Der 3.10. ist ein Feiertag.", "Der dritte Oktober ist ein Feiertag."),
    ("vom 1.5. bis zum 3.5.", "vom ersten Mai bis zum dritten Mai."),
    ("am 31.12.24", "am einunddreißigsten Dezember zweitausendvierundzwanzig"),
    ("Stand: 03.05.99", "Stand: dritter Mai neunzehnhundertneunundneunzig"),
    # After a preposition without its article, the ordinal takes the preposition's case.
    ("bis 31. Dezember", "bis einunddreißigsten Dezember"),
    ("Gültig ab 1. Januar bis 31.12.", "Gültig ab ersten Januar bis einunddreißigsten Dezember."),
    ("seit 1. Januar", "seit erstem Januar"),
    ("vom 3. bis 5. Mai", "vom dritten bis fünften Mai"),
    # A weekday before a date: said in full, the date with the article the case asks for.
    ("Am Fr. 3. Mai kommt er.", "Am Freitag, dem dritten Mai kommt er."),
    ("bis Mo. 6. Mai", "bis Montag, den sechsten Mai"),
    ("am Freitag, 3. Mai", "am Freitag, dem dritten Mai"),
    ("Er kommt am Do., 2.5.", "Er kommt am Donnerstag, dem zweiten Mai."),
    ("Sa. 4. Mai 2024", "Samstag, vierter Mai zweitausendvierundzwanzig"),
    ("Fr. Schmidt kam am So. 5. Mai.", "Frau Schmidt kam am Sonntag, dem fünften Mai."),
    (
        "Hr. Müller und Fr. Schmidt trafen Dr. Weber.",
        "Herr Müller und Frau Schmidt trafen Doktor Weber.",
    ),
    ("mit Prof. Dr. Klein", "mit Professor Doktor Klein"),
    ("Prof. Dr. Klein traf Fr. von der Leyen.", "Professor Doktor Klein traf Frau von der Leyen."),
    # Fractions; a half is "die Hälfte" before "der", and agrees with the noun after it.
    ("2/3 der Stimmen", "Zwei Drittel der Stimmen"),
    ("1/4 der Befragten, 1/5 der Wähler", "Ein Viertel der Befragten, ein Fünftel der Wähler"),
    ("mehr als 1/2 der Stimmen", "mehr als die Hälfte der Stimmen"),
    ("1/2 Liter, ½ Stunde, 1/2 Jahr", "Ein halber Liter, eine halbe Stunde, ein halbes Jahr"),
    ("Er brauchte eine 1/2 Stunde.", "Er brauchte eine halbe Stunde."),
    ("Er wartete 2½ Stunden.", "Er wartete zweieinhalb Stunden."),
    ("Er bekam 18/20 Punkten.", "Er bekam achtzehn von zwanzig Punkten."),
    ("Er lief 1½ km und trank ¾ l.", "Er lief eineinhalb Kilometer und trank drei Viertel Liter."),
    # A score, where a word before it makes it one, joined to the noun after it.
    ("Das Spiel endete 2:1.", "Das Spiel endete zwei zu eins."),
    ("Bayern gewann gegen Mainz 3:0.", "Bayern gewann gegen Mainz drei zu null."),
    ("Sie siegten mit 2:1.", "Sie siegten mit zwei zu eins."),
    ("Nach dem 2:1-Sieg", "Nach dem Zwei-zu-eins-Sieg"),
    ("Es steht 28:25.", "Es steht achtundzwanzig zu fünfundzwanzig."),
    # One figure after the colon is no time: a score or a ratio, whatever comes before.
    (
        "Bayern spielte 1:1, im Verhältnis 1:3",
        "Bayern spielte eins zu eins, im Verhältnis eins zu drei",
    ),
    # "24/7", "50/50" and a season.
    ("Die Praxis ist 24/7 erreichbar.", "Die Praxis ist rund um die Uhr erreichbar."),
    ("Die Chancen stehen 50/50.", "Die Chancen stehen fifty-fifty."),
    ("die Saison 2022/23", "die Saison zweitausendzweiundzwanzig - zweitausenddreiundzwanzig"),
    # A whole number and a fraction written with a slash; a fraction of a per cent.
    ("Er wartete 2 1/2 Stunden.", "Er wartete zweieinhalb Stunden."),
    ("um 1/2 % und um 2 1/2 %", "um ein halbes Prozent und um zweieinhalb Prozent"),
    # The second of two counted nouns takes the case of the preposition before the first.
    ("mit 1 Mann und 1 Kind", "mit einem Mann und einem Kind"),
    ("mit 1 Frau oder 1 Mann", "mit einer Frau oder einem Mann"),
    # Two days of one month take the case of the word before the first; a dash is "bis".
    ("am 3. und 4. Mai", "am dritten und vierten Mai"),
    ("vom 3.-5. Mai 2024", "vom dritten bis fünften Mai zweitausendvierundzwanzig"),
    ("Der 3. und 4. Mai sind frei.", "Der dritte und vierte Mai sind frei."),
    ("Die Preise stiegen um 10-15.", "Die Preise stiegen um zehn bis fünfzehn."),
    ("zwischen 10-15, dann", "zwischen zehn bis fünfzehn, dann"),
    # Decades: one word of the figure and its "-er".
    ("In den 1990er-Jahren", "In den neunzehnhundertneunziger Jahren"),
    ("in den 90er Jahren und in den 90ern", "in den neunziger Jahren und in den Neunzigern"),
    ("Die 68er und die 2010er-Jahre", "Die Achtundsechziger und die zweitausendzehner Jahre"),
    # A figure joined to an ending is one word, as written in words.
    (
        "Der 45-jährige Angeklagte, ein 17-Jähriger",
        "Der fünfundvierzigjährige Angeklagte, ein Siebzehnjähriger",
    ),
    (
        "3-facher Sieger, 1-mal, eine 10-prozentige Erhöhung",
        "Dreifacher Sieger, einmal, eine zehnprozentige Erhöhung",
    ),
    # Number signs and paragraphs.
    ("Nr. 5 und Art. 5 Abs. 3", "Nummer fünf und Artikel fünf Absatz drei"),
    (
        "laut § 219a und §§ 3 und 4",
        "laut Paragraf zweihundertneunzehn a und Paragrafen drei und vier",
    ),
    ("Der G7-Gipfel, Stau auf der A9", "Der G sieben-Gipfel, Stau auf der A neun"),
    ("die Vorwahl 030", "die Vorwahl null drei null"),
    (
        "Tel. 0800 1234567 oder 030 4664-0",
        "Tel. null acht null null eins zwei drei vier fünf sechs sieben oder null drei null vier "
        "sechs sechs vier null",
    ),
    (
        "44 v. Chr. und 14 n.Chr. Dann",
        "Vierundvierzig vor Christus und vierzehn nach Christus. Dann",
    ),
]
ITALIAN: list[tuple[str, str]] = [
    ("il 1° giugno 2024", "il primo giugno duemilaventiquattro"),
    ("il 3 maggio 1999", "il tre maggio millenovecentonovantanove"),
    ("€ 4,50", "Quattro euro e cinquanta"),
    ("1 €", "Un euro"),
    ("2 £", "Due sterline"),
    ("1.000.000 €", "Un milione di euro"),
    ("3 mln €", "Tre milioni di euro"),
    ("12,5 %", "Dodici virgola cinque per cento"),
    ("dal 10-15 %", "dal dieci a quindici per cento"),
    ("2.500 persone", "Duemilacinquecento persone"),
    ("la 2ª volta", "la seconda volta"),
    ("alle 18:30", "alle diciotto e trenta"),
    ("alle 18.30", "alle diciotto e trenta"),
    (
        "Si gioca alle 20.45. Poi alle 18.30, forse.",
        "Si gioca alle venti e quarantacinque. Poi alle diciotto e trenta, forse.",
    ),
    ("alle 20:00", "alle venti"),
    ("in 24 h e 1 h, alle 18 h", "in ventiquattro ore e un'ora, alle diciotto"),
    ("Ha camminato 5 km a 25 °C.", "Ha camminato cinque chilometri a venticinque gradi."),
    ("Pesa 80 kg e misura 1,80 m.", "Pesa ottanta chilogrammi e misura un metro e ottanta."),
    ("1 t e 1 km", "Una tonnellata e un chilometro"),
    ("Sono bruciati 20 ha di bosco.", "Sono bruciati venti ettari di bosco."),
    ("a 130 km/h", "a centotrenta chilometri orari"),
    (
        "1,85 €/l, 200 ab./km², 1.500 €/mese",
        "Un euro e ottantacinque per litro, duecento abitanti per chilometro quadrato, "
        "millecinquecento euro al mese",
    ),
    ("80 mq a 3.000 euro al mq", "Ottanta metri quadrati a tremila euro al metro quadrato"),
    ("50 m² su 20 ha", "Cinquanta metri quadrati su venti ettari"),
    ("il 5 ‰", "il cinque per mille"),
    ("Le azioni calano del -3 %.", "Le azioni calano del meno tre per cento."),
    ("Ci sono -1 °C a Milano.", "Ci sono meno un grado a Milano."),
    ("3 M€", "Tre milioni di euro"),
    ("€1,5 mld", "Uno virgola cinque miliardi di euro"),
    ("uno stipendio di 50 k€", "uno stipendio di cinquantamila euro"),
    ("2,5 k$", "Duemilacinquecento dollari"),
    ("il 31/12", "il trentuno dicembre"),
    ("il 1/5", "il primo maggio"),
    ("il 31/12/24", "il trentuno dicembre duemilaventiquattro"),
    ("dall'11/9 al 31-12-2024", "dall'undici settembre al trentuno dicembre duemilaventiquattro"),
    ("ven. 3 maggio", "venerdì tre maggio"),
    ("dom. 1° giugno e gio. 2/5", "domenica primo giugno e giovedì due maggio"),
    ("Concerto gio. 2 alle 21.", "Concerto giovedì due alle ventuno."),
    ("Il Sig. Rossi e la Sig.ra Bianchi", "Il signor Rossi e la signora Bianchi"),
    ("il Dott. Verdi e la Dott.ssa Neri", "il dottor Verdi e la dottoressa Neri"),
    ("il Prof. Gialli e l'On. Blu", "il professor Gialli e l'onorevole Blu"),
    # Fractions; a half is "la metà" before "di", "mezzo" before a noun.
    ("i 2/3 dei voti", "i due terzi dei voti"),
    ("1/3 dei voti e 3/4 dei seggi", "Un terzo dei voti e tre quarti dei seggi"),
    ("1/5 degli italiani", "Un quinto degli italiani"),
    ("1/2 dell'elettorato", "La metà dell'elettorato"),
    ("per 1/2 ora con 1/2 litro", "per mezz'ora con mezzo litro"),
    ("Ha aspettato 2½ ore.", "Ha aspettato due ore e mezza."),
    ("Ha preso 7/10 in latino.", "Ha preso sette su dieci in latino."),
    ("i 1/4 di finale", "i quarti di finale"),
    # A score, where a word before it makes it one.
    ("La Juve ha vinto 2-1.", "La Juve ha vinto due a uno."),
    ("una vittoria per 3:0", "una vittoria per tre a zero"),
    # "24/7", "50/50" and a season.
    ("Aperto 24/7.", "Aperto ventiquattro ore su ventiquattro."),
    ("diviso 50/50", "diviso cinquanta e cinquanta"),
    ("la stagione 2022/23", "la stagione duemilaventidue - duemilaventitré"),
    ("La partita è finita 1-1.", "La partita è finita uno a uno."),
    # "tre" at the end of a longer number is accented, as num2words writes "ventitré" only.
    ("nel 2023, 123 persone", "nel duemilaventitré, centoventitré persone"),
    ("1.000.023 e 3", "Un milione e ventitré e tre"),
    # A whole number and a fraction written with a slash; a fraction of a per cent.
    ("Ha aspettato 2 1/2 ore.", "Ha aspettato due ore e mezza."),
    ("un calo di 1/2 %", "un calo di mezzo per cento"),
    # A decade of the 1900s is said without its century, or its apostrophe.
    ("negli anni '90 e negli anni 1990", "negli anni novanta e negli anni novanta"),
    ("a Italia ’90", "a Italia novanta"),
    # Number signs, and a law's number and year.
    ("è n. 1 del ranking", "è numero uno del ranking"),
    ("la legge n. 104/1992", "la legge numero centoquattro del millenovecentonovantadue"),
    (
        "la legge 194/78 e l'art. 21",
        "la legge centonovantaquattro del settantotto e l'articolo ventuno",
    ),
    ("un incidente sulla A1", "un incidente sulla A uno"),
    # A century in Roman numerals, before or after "secolo".
    ("nel XIX secolo e nel secolo XX", "nel diciannovesimo secolo e nel secolo ventesimo"),
    ("via Roma 12, 00184 Roma", "via Roma dodici, zero zero uno otto quattro Roma"),
    ("nel 100 a.C. e nel 14 d.C.", "nel cento avanti Cristo e nel quattordici dopo Cristo."),
]
CASES = [
    *(("fr", w, s) for w, s in FRENCH),
    *(("es", w, s) for w, s in SPANISH),
    *(("de", w, s) for w, s in GERMAN),
    *(("it", w, s) for w, s in ITALIAN),
]


@pytest.mark.parametrize(("lang", "written", "said"), CASES)
def test_newsreader_says(lang: str, written: str, said: str) -> None:
    assert normalize(written, lang=lang) == said


@pytest.mark.parametrize(
    ("lang", "written", "said"),
    [
        # Regional codes get the language's rules, and num2words' regional words.
        ("fr-CH", "Il y a 71 pays", "Il y a septante et un pays"),
        ("es-MX", "un 12,5 %", "un doce coma cinco por ciento"),
        ("de_AT", "am 3. Mai", "am dritten Mai"),
        # Web addresses stay as written; the lexicon still applies first.
        ("fr", "Voir www.un.org le 2 mai", "Voir www.un.org le deux mai"),
    ],
)
def test_regions_and_addresses(lang: str, written: str, said: str) -> None:
    assert normalize(written, lang=lang) == said


SWISS: list[tuple[str, str, str]] = [
    # Switzerland writes thousands with an apostrophe, francs before the amount and ".–" for
    # round francs; its francs are "francs", elsewhere "francs suisses".
    ("fr-CH", "Il coûte CHF 1'500.–.", "Il coûte mille cinq cents francs."),
    ("fr-CH", "un loyer de 1'500 CHF", "un loyer de mille cinq cents francs"),
    ("fr-CH", "Fr. 20.– par mois", "Vingt francs par mois"),
    ("fr-CH", "CHF 12.50 ou 0.50 CHF", "Douze francs cinquante ou cinquante centimes"),
    ("fr-CH", "Il paie 70 fr.", "Il paie septante francs."),
    ("fr-CH", "CHF 2 millions", "Deux millions de francs"),
    ("fr-CH", "CHF 1,5 mio", "Un virgule cinq million de francs"),
    ("fr-CH", "2 mrd de francs", "Deux milliards de francs"),
    ("de-CH", "Es kostet CHF 1'500.–.", "Es kostet eintausendfünfhundert Franken."),
    ("de-CH", "Fr. 20.– pro Person", "Zwanzig Franken pro Person"),
    ("de-CH", "Es kostet CHF 12.50.", "Es kostet zwölf Franken fünfzig."),
    ("de-CH", "2'500 Menschen", "Zweitausendfünfhundert Menschen"),
    ("it-CH", "Costa CHF 1'500.–.", "Costa millecinquecento franchi."),
    ("it-CH", "Fr. 20.– al mese", "Venti franchi al mese"),
    ("it-CH", "CHF 12.50", "Dodici franchi e cinquanta"),
    ("it-CH", "Costa CHF 3 mio.", "Costa tre milioni di franchi."),
    ("fr", "10 CHF et 1 CHF", "Dix francs suisses et un franc suisse"),
    ("de", "CHF 1'500.–", "Eintausendfünfhundert Schweizer Franken"),
    ("it", "1 CHF", "Un franco svizzero"),
    ("es", "20 CHF", "Veinte francos suizos"),
]


@pytest.mark.parametrize(("lang", "written", "said"), SWISS)
def test_swiss_francs_and_thousands(lang: str, written: str, said: str) -> None:
    assert normalize(written, lang=lang) == said


@pytest.mark.parametrize(
    ("lang", "written", "rules"),
    [
        ("de", "Am 3. Mai stieg er um 4,8 %.", ["date", "percentage"]),
        ("fr", "Ils ont payé 4,50 € en 2024.", ["money", "number"]),
        ("it", "Dal 10-15 %.", ["range", "percentage", "number"]),
    ],
)
def test_explain_names_each_pass(lang: str, written: str, rules: list[str]) -> None:
    assert [c.rule for c in conversions(written, lang)] == rules


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", None),
        ("fr", None),
        ("de-AT", None),
        (
            "sw",
            "normalize: no spoken-form rules for sw yet: numbers are read by the voice as written",
        ),
        (
            "ru",
            "normalize: no spoken-form rules for ru yet: whole numbers are said in ru words, "
            "other figures (decimals, dates, money) are read by the voice as written",
        ),
    ],
)
def test_languages_without_rules_say_so(lang: str, note: str | None) -> None:
    assert spoken_forms_note(lang) == note


def test_no_digits_left_in_a_french_news_paragraph() -> None:
    text = (
        "Le 1er juin 2024, 1 250 000 électeurs ont voté : 12,5 % pour la liste, "
        "soit 3-5 sièges et 4,50 € par habitant, au 21e rang."
    )
    assert not any(c.isdigit() for c in normalize(text, lang="fr"))


@pytest.mark.parametrize(
    ("lang", "written", "spoken"),
    [
        ("en", "The rate is <5% today.", "The rate is less than five per cent today."),
        ("en", "It drew > 100 people.", "It drew more than one hundred people."),
        ("en", "Scores ≥ 90 pass.", "Scores at least ninety pass."),
        ("en", "The arrow <- stays.", "The arrow <- stays."),
        ("fr", "Le taux est <5 %.", "Le taux est moins de cinq pour cent."),
        ("es", "Llegaron >200 asistentes.", "Llegaron más de doscientos asistentes."),
        ("de", "Die Quote liegt bei <5 %.", "Die Quote liegt bei weniger als fünf Prozent."),
        ("it", "Hanno votato >300 persone.", "Hanno votato più di trecento persone."),
    ],
)
def test_comparison_signs_before_a_figure(lang: str, written: str, spoken: str) -> None:
    assert normalize(written, lang) == spoken


def test_pico_never_gets_a_markup_sign_of_the_text() -> None:
    from audiogen.speech.engines.pico import pico_input

    assert "<" not in pico_input("a <-> b", "fr-FR")
    assert pico_input("x [[bɔ̃ʒuʁ]] y", "fr-FR").count("<phoneme") == 1


@pytest.mark.parametrize(
    ("lang", "written", "spoken"),
    [
        ("es", "Llegaron 200 personas.", "Llegaron doscientas personas."),
        ("es", "Hay 21 familias y 31 coches.", "Hay veintiuna familias y treinta y un coches."),
        ("es", "Vino 1 persona, 1 de cada 3.", "Vino una persona, uno de cada tres."),
        ("es", "Duró 1 año.", "Duró un año."),
        ("fr", "Il y a 21 personnes et 1 homme.", "Il y a vingt et une personnes et un homme."),
        ("it", "Arriva 1 persona con 1 uomo.", "Arriva una persona con un uomo."),
        ("de", "Es kamen 1 Frau und 1 Mann.", "Es kamen eine Frau und ein Mann."),
        ("de", "Es war 1 von 3.", "Es war eins von drei."),
        # After a verb, the figure and its noun may be the subject: the case is left as it is.
        ("de", "Heute kostet 1 l Diesel 2 €.", "Heute kostet ein Liter Diesel zwei Euro."),
        ("de", "Es gewinnt 1 Mann.", "Es gewinnt ein Mann."),
    ],
)
def test_a_figure_agrees_with_the_noun_it_counts(lang: str, written: str, spoken: str) -> None:
    assert normalize(written, lang) == spoken


@pytest.mark.parametrize(
    ("lang", "written", "said"),
    [
        # A title is said only before a name: not at a sentence's end, not for a Roman numeral,
        # not for an initial.
        # Two figures with a zero are a day or a count, not a code said figure by figure.
        ("fr", "le 05 juin 2024", "le cinq juin deux mille vingt-quatre"),
        ("es", "el 05 de junio", "el cinco de junio"),
        ("de", "am 05. Juni", "am fünften Juni"),
        ("fr", "Il a 05 ans.", "Il a cinq ans."),
        ("fr", "Il parle à M. Il part.", "Il parle à M. Il part."),
        ("fr", "Il parle à M.", "Il parle à M."),
        ("fr", "en l'an MM.", "en l'an MM."),
        ("fr", "sous Pie XII. Mme Durand", "sous Pie XII. Madame Durand"),
        ("fr", "J. M. Dupont", "J. M. Dupont"),
        ("es", "J. D. Salinger", "J. D. Salinger"),
        ("es", "Franklin D. Roosevelt", "Franklin D. Roosevelt"),
        # A weekday's abbreviation is one only before a date: "mar." ends "Omar." and means
        # the sea in Spanish.
        ("fr", "Il a vu Omar. Il part.", "Il a vu Omar. Il part."),
        ("es", "Cayó al mar. 3 personas murieron.", "Cayó al mar. tres personas murieron."),
        # A hyphen between figures is a range, after a word a hyphen, not a minus sign.
        ("fr", "du 3-5 mai", "du trois à cinq mai"),
        ("de", "COVID-19", "COVID-neunzehn"),
        # "ha" after a figure is the verb in Spanish and Italian, unless a pause or a word a
        # measure takes follows.
        (
            "es",
            "La COVID-19 ha causado 5 muertes.",
            "La COVID-diecinueve ha causado cinco muertes.",
        ),
        ("it", "Il sisma di 6,3 ha colpito", "Il sisma di sei virgola tre ha colpito"),
        # A degree sign alone is an ordinal in Spanish and Italian.
        ("it", "il 2° posto", "il secondo posto"),
        # An elision's apostrophe before a figure is no year's century.
        ("it", "dell'80 %", "dell'ottanta per cento"),
        # A year in two figures after a law's name only.
        ("it", "il numero 3/10", "il numero tre su dieci"),
        # A figure's thousands are no leading zero.
        ("fr", "plus de 160 000 morts", "plus de cent soixante mille morts"),
        (
            "fr",
            "le 01/02/2024 à 08 h 30",
            "le premier février deux mille vingt-quatre à huit heures trente",
        ),
        # A slash after a unit's symbol or between words stays as written.
        ("fr", "en km/h, et/ou", "en km/h, et/ou"),
        # A Roman numeral away from "siglo" or "secolo" is left to the voice.
        ("es", "Felipe VI y el Siglo de Oro", "Felipe VI y el Siglo de Oro"),
        # A figure before a hyphenated noun keeps its hyphen.
        ("de", "die 2-Zimmer-Wohnung", "die zwei-Zimmer-Wohnung"),
        # Nor a unit after the hyphen, nor the figure of a name before it.
        ("de", "COVID-19-infizierte", "COVID-neunzehn-infizierte"),
        ("de", "ein 10-t-Lkw", "ein zehn-t-Lkw"),
        # After a word that makes it a date, a slash between figures is a date, whatever
        # follows: "les 3/4 de la salle" is the fraction, "le 3/4" the third of April.
        ("fr", "le 3/4 de la salle", "le trois avril de la salle"),
        ("it", "il 3/4", "il tre aprile"),
        # A year in two figures after full stops needs a two-figure day and month, or a word
        # that makes it a date: "1.5.24" may be a version.
        ("de", "Version 1.5.24", "Version 1.5.24"),
        # A score only after a word that makes it one: a time, a range and a date stay one.
        (
            "de",
            "Er gewann das Rennen um 18:30 Uhr.",
            "Er gewann das Rennen um achtzehn Uhr dreißig.",
        ),
        ("de", "Das Spiel beginnt um 18:30.", "Das Spiel beginnt um achtzehn Uhr dreißig."),
        ("de", "Er gewann 5-10 Euro.", "Er gewann fünf bis zehn Euro."),
        ("de", "Er gewann 10-15 Spiele.", "Er gewann zehn bis fünfzehn Spiele."),
        ("fr", "à 18:30, de 12-14 %", "à dix-huit heures trente, de douze à quatorze pour cent"),
        (
            "es",
            "entre 10-15 años, a las 18:30",
            "entre diez a quince años, a las dieciocho treinta",
        ),
        ("it", "alle 18:30, dal 10-15 %", "alle diciotto e trenta, dal dieci a quindici per cento"),
        # After a word that makes it a date, "24/7" is the twenty-fourth of July; a slash
        # between years that do not follow each other is left as written.
        ("fr", "le 24/7", "le vingt-quatre juillet"),
        ("it", "il 24/7", "il ventiquattro luglio"),
        ("fr", "2022/24", "Deux mille vingt-deux/vingt-quatre"),
        # Tenths of what is not a group of people, of one, or with a complement after: a
        # fraction.
        ("fr", "7/10 des votes", "Sept dixièmes des votes"),
        ("fr", "1/10 des électeurs", "Un dixième des électeurs"),
        ("fr", "7/10 des salariés du privé", "Sept dixièmes des salariés du privé"),
        ("es", "7/10 de los votos", "Siete décimos de los votos"),
        # A whole number before a slash fraction is a mixed number, not a mark's score.
        ("fr", "les 2 3/4 du temps", "les deux et trois quarts du temps"),
        # An accusative neuter noun keeps "ein"; a full stop ends the pair.
        ("de", "für 1 Mann und 1 Kind", "für einen Mann und ein Kind"),
        ("de", "Er kam mit 1 Mann. Und 1 Kind kam.", "Er kam mit einem Mann. Und ein Kind kam."),
    ],
)
def test_only_in_context(lang: str, written: str, said: str) -> None:
    assert normalize(written, lang) == said


@pytest.mark.parametrize(
    ("lang", "written"),
    [("fr", "les 2/3 des voix"), ("es", "los 2/3 del total"), ("it", "i 2/3 dei voti")],
)
def test_a_fraction_is_not_a_date(lang: str, written: str) -> None:
    """A slash between figures is a date only after a word that makes it one ("le 2/3")."""
    said = normalize(written, lang)
    assert not any(february in said for february in ("février", "febrero", "febbraio"))


def _readme_rows() -> list[tuple[str, str, str]]:
    """Each example of README's table of spoken forms: (language, written, said)."""
    import re
    from pathlib import Path

    readme = Path(__file__).resolve().parents[1] / "README.md"
    rows = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        if not re.match(r"\| (fr|es|de|it)(-CH)? \|", line):
            continue
        _, lang, written, said, _ = (cell.strip() for cell in line.split("|"))
        for w, s in zip(written.split(" · "), said.split(" · "), strict=True):
            tag = re.search(r" \((\w\w-\w\w)\)$", w)  # "CHF 12.50 (it-CH)"
            rows.append(
                (tag.group(1) if tag else lang, w.removesuffix(tag.group(0)) if tag else w, s)
            )
    return rows


@pytest.mark.parametrize(("lang", "written", "said"), _readme_rows())
def test_readme_table_is_what_the_normalizer_says(lang: str, written: str, said: str) -> None:
    got = normalize(written, lang).removesuffix(".")  # "am 31.12." ends a sentence too
    assert got[:1].lower() + got[1:] == said[:1].lower() + said[1:]


def test_readme_table_is_found() -> None:
    assert len(_readme_rows()) > 80
