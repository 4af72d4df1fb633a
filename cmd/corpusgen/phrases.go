package main

// The phrase tables below are the raw material of every article. Templates
// name their slots in braces; see expand for the slots. Their order is part
// of the corpus: editing a table changes the articles generated from it.

// majorCountries are drawn more often than the rest, as in real coverage,
// so that some term pages run to many pages and most stay short.
var majorCountries = [...]string{
	"China", "United States", "Russia", "India", "Japan", "Germany", "France",
	"United Kingdom", "Brazil", "South Africa", "Indonesia", "Türkiye",
	"Saudi Arabia", "Iran", "Israel", "Ukraine", "Pakistan", "Egypt",
	"South Korea", "Vietnam", "Nigeria", "Mexico", "Australia", "Kazakhstan",
	"Laos", "Philippines",
}

// majorOrganisations are likewise drawn more often.
var majorOrganisations = [...]string{
	"UN", "ASEAN", "EU", "NATO", "AU", "SCO", "BRICS", "G20", "WTO", "IMF",
	"UNSC", "WHO",
}

// source is a news agency with how often it files, out of the sum of all
// weights.
type source struct {
	Name   string
	Weight int
}

var sources = [...]source{
	{"Xinhua", 30}, {"AP", 10}, {"Reuters", 10}, {"AFP", 8}, {"Kyodo", 5},
	{"TASS", 5}, {"Yonhap", 4}, {"Anadolu", 4}, {"PTI", 4}, {"Bernama", 3},
	{"EFE", 3}, {"dpa", 3}, {"ANSA", 2}, {"Prensa Latina", 2}, {"KUNA", 2},
	{"WAM", 2}, {"MENA", 2}, {"PAP", 1}, {"Antara", 2}, {"APS", 1},
}

var topics = [...]string{
	"trade and investment", "regional security", "climate change",
	"energy security", "food security", "public health",
	"maritime security", "counter-terrorism", "migration",
	"infrastructure development", "the digital economy", "debt relief",
	"nuclear non-proliferation", "humanitarian assistance",
	"people-to-people exchanges", "agriculture",
	"water resources management", "disaster relief", "peacekeeping",
	"education and culture", "supply chain resilience", "green development",
	"poverty reduction", "arms control", "cybersecurity", "connectivity",
	"financial stability", "critical minerals", "space exploration",
	"fisheries management", "border management", "tourism",
}

var offices = [...]string{
	"Foreign Minister", "Foreign Minister", "Foreign Minister",
	"Prime Minister", "President", "Defence Minister", "Trade Minister",
	"Deputy Foreign Minister", "Finance Minister", "Ambassador",
	"Vice President", "Energy Minister", "Health Minister",
}

// First and family names avoid words that are also country or capital
// names ("Jordan", "Victoria", "Sofia"), so that text detection finds only
// the countries an article is meant to be about.
var firstNames = [...]string{
	"Maria", "Ahmed", "Li", "Elena", "Jean", "Kofi", "Amina", "Hiroshi",
	"Sergei", "Ana", "Rahul", "Fatima", "Carlos", "Olga", "Tomas", "Nadia",
	"Kwame", "Ingrid", "Yusuf", "Mei", "Pedro", "Leila", "Andrei", "Omar",
	"Hana", "Lukas", "Priya", "Diego", "Zainab", "Marek", "Aiko", "Tariq",
	"Lucia", "Emeka", "Sven", "Noura", "Rafael", "Irina", "Wei", "Aisha",
}

var lastNames = [...]string{
	"Petrov", "Okafor", "Nakamura", "Silva", "Haddad", "Kowalski", "Mensah",
	"Lindqvist", "Rahman", "Moreau", "Novak", "Castillo", "Tanaka", "Abebe",
	"Hussein", "Duarte", "Bergstrom", "Mwangi", "Sato", "Khalil", "Fischer",
	"Ortega", "Nguyen", "Kaur", "Osei", "Popescu", "Demir", "Santos", "Volkov",
	"Kariuki", "Lambert", "Horvath", "Alvarez", "Suleiman", "Park", "Chen",
	"Zhang", "Ibrahim", "Costa", "Yamamoto", "Dlamini", "Hakimi", "Kovac",
}

var editors = [...]string{
	"Zhang Kaiwei", "Zhong Wenxing", "Liang Jun", "Wu Chengliang", "Du Mingming",
	"Xian Jiangnan", "Hongyu", "Chen Lidi", "Sheng Chuyi", "Kong Defang",
	"Wang Xiaoxia", "Bianji", "Yao Chun", "Hu Ximeng", "Liu Ning",
}

var ordinals = [...]string{
	"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
	"ninth", "10th", "11th", "12th", "15th", "20th",
}

// titleTemplates are headlines in wire style: sentence case, no final stop.
var titleTemplates = [...]string{
	"{A}, {B} pledge closer cooperation on {T}",
	"{Adem} FM holds talks with {Bdem} counterpart on {T}",
	"{A} ready to work with {B} on {T}: {Adem} FM",
	"{A} and {B} sign agreements on {T}",
	"{Adem}, {Bdem} leaders vow to expand cooperation on {T}",
	"{A}, {B} hold {ord} round of strategic dialogue",
	"Feature: {T} opens new chapter in {An}-{Bn} relations",
	"Interview: {Adem} envoy says ties with {B} at new high",
	"{Adem} president to visit {B} next week",
	"{B} welcomes {Adem} proposal on {T}",
	"{A} urges restraint as tensions rise over {T}",
	"{A} pledges {bn} dollars for {T}",
	"{A} hosts international forum on {T}",
	"{Adem} PM calls for fair global rules on {T}",
	"{A} says {T} tops agenda for coming year",
	"{O} ministers discuss {T} in {capA}",
	"{A} calls for stronger {O} role in {T}",
	"{O} summit opens in {capA} with focus on {T}",
	"{A} welcomes {O} decision on {T}",
	"{O} chief hails {Adem} contribution to {T}",
	"Roundup: {O} members agree roadmap on {T}",
	"{A} to host {O} meeting on {T} in {year}",
	"{Adem} FM meets {O} secretary-general in {capA}",
	"{A}, {B} back {O}-centred approach to {T}",
	"{O} report warns of risks to {T} in {A}",
	"Commentary: why {T} matters for {O} members",
	"{A} and {B} to coordinate positions at {O}",
}

// ledeTemplates open the body, right after the dateline.
var ledeTemplates = [...]string{
	"{pA} held talks with {pB} here on {day}, with both sides pledging to deepen cooperation on {T}.",
	"{A} and {B} on {day} agreed to step up cooperation on {T}, according to a joint statement issued after talks between their foreign ministers.",
	"{A} is ready to work with {B} to advance {T}, {pA} said on {day}.",
	"{pA} on {day} called on the international community to step up support for {T}, warning that the window for action was narrowing.",
	"Senior officials from {O} member states gathered here on {day} to discuss {T}, amid growing concern over the impact of recent developments on the region.",
	"{pA} said on {day} that {A} would continue to support the central role of {O} in promoting {T}.",
	"{A} on {day} unveiled a package of measures on {T}, the latest step in a years-long effort to strengthen its position in the region.",
	"Leaders of {A} and {B} met here on {day} and agreed to lift bilateral relations to a new level, with {T} at the heart of the agenda.",
	"{pA} arrived here on {day} for a three-day official visit to {B}, the first by a senior {Adem} official in {num} years.",
	"A meeting of {O} foreign ministers opened here on {day}, with {T} expected to dominate two days of discussions.",
}

// sentenceTemplates fill the body. Those naming {B}, {pB} or {O} are used
// only when the article has a second country or an organisation.
var sentenceTemplates = [...]string{
	"{surA} said relations between {A} and {B} had grown steadily in recent years, with regular high-level exchanges and expanding practical cooperation.",
	"The two sides exchanged views on {T} and on international and regional issues of common concern.",
	"{surA} noted that {A} is ready to work with {B} to implement the consensus reached by the two heads of state.",
	"{surB} said {B} attaches great importance to its relations with {A} and is willing to strengthen communication at all levels.",
	"Bilateral trade between {A} and {B} reached {bn} U.S. dollars last year, up {pct} percent year on year, according to official figures.",
	"The two countries signed {num} cooperation documents covering {T}, {T2} and other fields.",
	"\"We are ready to work with all partners to uphold multilateralism and to make the international order fairer and more just,\" {surA} said.",
	"\"Our cooperation on {T} has delivered real benefits to the people of both countries,\" {surB} told reporters after the meeting.",
	"Analysts said the talks signalled a shared interest in keeping relations stable at a time of heightened uncertainty.",
	"{A} has proposed a joint working group on {T}, which officials said could meet for the first time before the end of {year}.",
	"The {Adem} side said it was willing to expand imports of quality products from {B} and to encourage more {Adem} companies to invest there.",
	"{surA} also briefed his counterpart on {A}'s domestic priorities, including its plans for {T2}.",
	"Both sides agreed to strengthen coordination within multilateral frameworks such as {theO}.",
	"{A} supports {O} in playing a bigger role in regional and international affairs, {surA} said.",
	"{theO} has repeatedly called on its members to deepen cooperation on {T} and to resist protectionism.",
	"Officials from {theO} secretariat said the meeting had produced \"concrete and forward-looking\" outcomes.",
	"Member states of {theO} are expected to adopt a declaration on {T} at the end of the meeting.",
	"According to {theO}, more than {num} million people in the region have been affected by the crisis so far.",
	"{theO} said in a statement that it welcomed the progress made and stood ready to provide technical support.",
	"{surA} said {A} would host the next round of consultations in {capA} later this year.",
	"Observers said the outcome would be closely watched in {capA} and {capB}, where officials have struggled to agree on a common approach to {T}.",
	"Relations between the two countries have improved markedly since diplomatic ties were upgraded in {pyear}.",
	"The visit comes ahead of the {ord} anniversary of the establishment of diplomatic relations between {A} and {B}.",
	"In a joint press conference, the two ministers said they had agreed to expand flights, student exchanges and tourism.",
	"The {Adem} foreign ministry said in a statement that the talks were \"candid, in-depth and constructive.\"",
	"{A} has consistently advocated resolving differences through dialogue and consultation, {surA} said.",
	"{surA} called for an immediate ceasefire and the unimpeded delivery of humanitarian aid.",
	"The ministers also discussed the situation in the wider region and agreed to keep in close contact.",
	"Experts say {T} has become one of the most pressing issues facing governments across the region.",
	"Some {pct} percent of {A}'s exports now go to markets in the region, up from less than a third a decade ago.",
	"Government figures show investment in {T} rose by {pct} percent in the first half of the year.",
	"Critics, however, argue that more needs to be done to translate commitments on {T} into action on the ground.",
	"{surB} said {B} appreciated {A}'s support and would continue to work for closer ties.",
	"The meeting in {capA} was the first of its kind since {pyear}.",
	"Delegates stressed that any lasting solution must respect the sovereignty and territorial integrity of all states.",
	"{surA} also met business leaders and representatives of the {Adem} community during the visit.",
	"The agreement will take effect once it has been ratified by the parliaments of both countries.",
	"{A} has set aside {bn} dollars for projects related to {T} over the next five years.",
	"A senior {Adem} diplomat, speaking on condition of anonymity, said the negotiations had been difficult but productive.",
	"The {Adem} government has made {T} a priority of its foreign policy since taking office.",
	"{A} and {B} also agreed to set up a hotline between their defence ministries to prevent misunderstandings.",
	"The two countries will hold joint exercises later this year, the {Bdem} defence ministry said.",
	"{theO} has set a target of doubling intra-regional trade by {year}, a goal officials concede will be hard to meet.",
	"Speaking at the opening session, {theO} secretary-general said the organisation faced \"a defining moment\" on {T}.",
	"Several {O} members have voiced concern that the plan does not go far enough.",
	"The statement reaffirmed support for a rules-based multilateral trading system with {theO} at its core.",
	"{surA} said the world was undergoing profound changes unseen in a century and that countries needed to stand together.",
	"The talks lasted more than {num} hours, longer than scheduled, according to a person familiar with the meeting.",
	"{A} is {B}'s largest trading partner in the region and one of its biggest sources of foreign investment.",
	"The {Bdem} side expressed gratitude for {A}'s assistance during the recent floods.",
	"Under the plan, {A} will train {num}00 technicians and provide scholarships for students from partner countries.",
	"The two sides agreed to accelerate work on a free trade agreement, launched in {pyear}.",
	"Officials said the deal would cut tariffs on more than {num}00 product lines over the next decade.",
	"{surA} urged all parties to exercise restraint and avoid actions that could escalate tensions.",
	"The forum drew more than {num}00 participants, including ministers, business executives and scholars.",
	"Speaking to reporters in {capA}, {surA} said the meeting had \"opened a new chapter\" in cooperation on {T}.",
	"Under a memorandum signed on {day}, the two governments will share data and best practices on {T2}.",
	"The {Adem} central bank said the currency swap arrangement would be renewed for another three years.",
	"Human rights groups have urged the two governments to put transparency at the centre of the new partnership.",
	"The project, financed in part by {theO}, is due to be completed in {year}.",
	"Officials said {theO} would send a technical mission to {B} next month to assess needs on the ground.",
	"Earlier this year, {A} hosted a ministerial meeting on {T2} attended by delegations from {num} countries.",
	"{surA} said {A} opposed unilateral sanctions and long-arm jurisdiction, which he said undermined global recovery.",
	"The two ministers also witnessed the signing of agreements on {T2} and on visa facilitation.",
	"Despite differences on some issues, both sides said they shared an interest in a stable and predictable relationship.",
	"The next meeting of the joint commission is scheduled to take place in {capB} in {year}.",
	"The {Adem} parliament approved the agreement by a large majority last month.",
	"{A}'s economy grew by {pct} percent last year, and officials expect {T} to help sustain that momentum.",
	"A spokesperson for the {Bdem} foreign ministry said {B} would study the proposals carefully.",
	"The visit is part of a regional tour that will also take {surA} to several neighbouring countries.",
	"{surB} invited {surA} to visit {B} at a mutually convenient time, and the invitation was accepted.",
	"{theO} has warned that without urgent action, progress on {T} could stall for years.",
	"Diplomats said {theO} was unlikely to reach consensus on the most contentious points before the end of the year.",
	"Both sides pledged to work together to make the upcoming {O} meeting a success.",
}

// othersTemplates name the article's further countries and organisations,
// so that everything in the front matter is also in the text.
var othersTemplates = [...]string{
	"Representatives of {others} also attended the meeting.",
	"Delegations from {others} took part in the talks as observers.",
	"Officials from {others} are expected to join the next round of consultations.",
	"The initiative has also drawn interest from {others}, diplomats said.",
}

var subheadings = [...]string{
	"Background", "Regional context", "What comes next", "Reactions",
	"Economic ties", "The road ahead",
}
