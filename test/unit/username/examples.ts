/**
 * Real-world names and the usernames the policy must produce with default options (first.last, lower case,
 * max 30, hyphens kept). The table in docs/username-policy.md is checked against this list, so it only shows asserted behaviour.
 */
export interface Example {
	first: string;
	last: string;
	middle?: string;
	preferred?: string;
	fallback?: string;
	expected: string;
	why: string;
	note?: RegExp;
}

export const EXAMPLES: Example[] = [
	{ first: 'Ana', last: 'García', expected: 'ana.garcia', why: 'Spanish accent' },
	{
		first: 'Søren',
		last: 'Kierkegaard',
		expected: 'soren.kierkegaard',
		why: 'Danish ø (not "sren")',
	},
	{ first: 'Łukasz', last: 'Wróbel', expected: 'lukasz.wrobel', why: 'Polish ł (not "ukasz")' },
	{ first: 'Małgorzata', last: 'Żółćwska', expected: 'malgorzata.zolcwska', why: 'Polish ż ó ł ć' },
	{ first: 'Gisela', last: 'Straße', expected: 'gisela.strasse', why: 'German ß' },
	{
		first: 'Jürgen',
		last: 'Müller',
		expected: 'jurgen.muller',
		why: 'umlauts stripped by default',
	},
	{ first: 'Æsa', last: 'Ødegård', expected: 'aesa.odegard', why: 'Norwegian æ ø å' },
	{ first: 'Björk', last: 'Guðmundsdóttir', expected: 'bjork.gudmundsdottir', why: 'Icelandic ð' },
	{ first: 'Þórður', last: 'Ásgeirsson', expected: 'thordur.asgeirsson', why: 'Icelandic þ' },
	{ first: 'Đorđe', last: 'Đoković', expected: 'dorde.dokovic', why: 'Serbian Latin đ' },
	{ first: 'Zoë', last: 'Œuvray', expected: 'zoe.oeuvray', why: 'diaeresis, œ ligature' },
	{
		first: 'İsmail',
		last: 'Yıldız',
		expected: 'ismail.yildiz',
		why: 'Turkish dotted İ and dotless ı',
	},
	{ first: 'Çağla', last: 'Şahin', expected: 'cagla.sahin', why: 'Turkish ç ğ ş' },
	{
		first: 'Nguyễn',
		last: 'Thị Minh',
		expected: 'nguyen.thiminh',
		why: 'Vietnamese stacked accents',
	},
	{ first: 'Trần', last: 'Đức', expected: 'tran.duc', why: 'Vietnamese đ' },
	{
		first: 'Ștefan',
		last: 'Țurcanu',
		expected: 'stefan.turcanu',
		why: 'Romanian comma-below letters',
	},
	{ first: 'Jiří', last: 'Dvořák', expected: 'jiri.dvorak', why: 'Czech háček' },
	{
		first: '\uFB01ona',
		last: 'Ĳsselmeer',
		expected: 'fiona.ijsselmeer',
		why: 'typographic ligatures',
	},
	{ first: 'Seán', last: "O'Brien", expected: 'sean.obrien', why: 'apostrophe removed' },
	{
		first: 'Mary-Ann',
		last: 'O’Connor',
		expected: 'mary-ann.oconnor',
		why: 'hyphen kept, curly apostrophe removed',
	},
	{ first: 'Jan', last: 'van der Berg', expected: 'jan.vanderberg', why: 'particles joined' },
	{
		first: 'Ludwig',
		last: 'van Beethoven',
		expected: 'ludwig.vanbeethoven',
		why: 'particle joined',
	},
	{
		first: 'María José',
		last: 'González-López',
		expected: 'mariajose.gonzalez-lopez',
		why: 'compound first name, hyphenated last name',
	},
	{
		first: 'Jean–Luc',
		last: 'Picard',
		expected: 'jean-luc.picard',
		why: 'en dash treated as hyphen',
	},
	{
		first: 'Ma.',
		last: 'Milagros',
		expected: 'ma.milagros',
		why: 'abbreviation dot dropped, no ".."',
	},
	{ first: '  Ana  ', last: '  García  ', expected: 'ana.garcia', why: 'surrounding spaces' },
	{ first: 'ANA', last: 'GARCÍA', expected: 'ana.garcia', why: 'upper case input' },
	{ first: 'Юлия', last: 'Тюрина', expected: 'iuliia.tiurina', why: 'Russian (ICAO 9303)' },
	{ first: 'Сергей', last: 'Щербаков', expected: 'sergei.shcherbakov', why: 'Russian щ й' },
	{ first: 'Олександр', last: 'Їжак', expected: 'oleksandr.izhak', why: 'Ukrainian ї' },
	{ first: 'Ђорђе', last: 'Јовановић', expected: 'dorde.jovanovic', why: 'Serbian Cyrillic' },
	{
		first: 'Γιώργος',
		last: 'Παπαδόπουλος',
		expected: 'giorgos.papadopoulos',
		why: 'Greek (ELOT 743), ου -> ou',
	},
	{
		first: 'Ευάγγελος',
		last: 'Αυγερινός',
		expected: 'evangelos.avgerinos',
		why: 'Greek ευ/αυ before voiced, γγ -> ng',
	},
	{
		first: 'Ευθύμιος',
		last: 'Ξανθός',
		expected: 'efthymios.xanthos',
		why: 'Greek ευ before voiceless -> ef',
	},
	{
		first: 'Χρήστος',
		last: 'Μαΐου',
		expected: 'christos.maiou',
		why: 'Greek dialytika blocks the αι digraph',
	},
	{
		first: '李',
		last: '小龙',
		fallback: 'E1042',
		expected: 'e1042',
		why: 'Chinese: fallback (employee ID)',
		note: /Han.*fallback/,
	},
	{
		first: '田中',
		last: '太郎',
		fallback: '12345',
		expected: 'u12345',
		why: 'Japanese: fallback starting with a digit gets a letter',
		note: /does not start with a letter/,
	},
	{
		first: 'محمد',
		last: 'علي',
		fallback: 'm.ali@example.com',
		expected: 'm.ali',
		why: 'Arabic: fallback email local part',
		note: /Arabic/,
	},
	{
		first: 'Ana',
		last: '김',
		fallback: 'ana.kim+hr@example.com',
		expected: 'ana.kim',
		why: 'one part in Hangul: fallback, "+tag" dropped',
		note: /Hangul/,
	},
	{
		first: '   ',
		last: '',
		fallback: 'jdoe',
		expected: 'jdoe',
		why: 'blank name: fallback',
		note: /name is empty/,
	},
	{
		first: '',
		last: 'Suharto',
		expected: 'suharto',
		why: 'single name: note, no leading dot',
		note: /first name is empty/,
	},
	{
		first: 'Ana (HR)',
		last: 'García',
		expected: 'anahr.garcia',
		why: 'brackets removed, with a note',
		note: /\( \)/,
	},
	{
		first: 'Maximiliana-Alexandra',
		last: 'Wolfeschlegelsteinhausen',
		expected: 'maximiliana-alexandra.wolfesch',
		why: 'truncated to 30',
		note: /maximum length of 30/,
	},
	{
		first: 'Ana',
		last: 'García',
		preferred: 'Anita',
		expected: 'anita.garcia',
		why: 'preferred name wins',
	},
];
