package detect

// stopPhrases contain a country, demonym or city but name something else:
// seas and regions, dishes, idioms, and publications. As the longest match
// they consume their words so no entity is counted.
var stopPhrases = []string{
	// seas, oceans and regions
	"Indian Ocean", "South China Sea", "East China Sea", "Arabian Sea", "Arabian Peninsula", "Persian Gulf",
	"Arabian Gulf", "Gulf of Guinea", "Gulf of Mexico", "Gulf of Aden", "Gulf of Oman", "Sea of Japan",
	"Gulf of Thailand", "Sea of Okhotsk", "Philippine Sea", "New Guinea", "Korean Peninsula",
	"Latin America", "Latin American", "Latin Americans", "South America", "South American", "North America",
	"North American", "Central America", "Central American", "Southeast Asia", "South-East Asia",
	"Indo-Pacific", "Asia-Pacific", "Sino-Tibetan", "Indochina", "Horn of Africa", "West Indies", "West Indian",
	"East Indies", "Iberian Peninsula", "Balkan Peninsula", "Korean War",
	// food, idioms and objects
	"Russian roulette", "Turkish delight", "Turkish coffee", "Turkish bath", "French fries", "French fry",
	"French toast", "French kiss", "French horn", "French press", "French dressing", "Swiss cheese",
	"Swiss army knife", "Swiss Army knife", "Brussels sprouts", "Brussels sprout", "Danish pastry",
	"Dutch courage", "Dutch auction", "Irish coffee", "Scotch egg", "German shepherd", "Great Dane",
	"Jerusalem artichoke", "Panama hat", "Mexican wave", "Persian cat", "Egyptian cotton", "Chinese whispers",
	"Chinese checkers", "Chinese lantern", "Guinea pig", "guinea pig", "Guinea fowl", "American football",
	"American dream", "American Dream", "Spanish omelette", "Belgian waffle", "Belgian waffles",
	"Canadian bacon", "Russian doll", "Russian dolls", "Chinese food", "Indian summer", "Danish blue",
	"Thai food", "Japanese knotweed", "Arabic numerals", "Roman numerals", "Bombay mix",
	"Guinea pigs", "guinea pigs", "Guinea worm", "Mexican standoff", "Mexican stand-off", "Chinese wall",
	"Chinese Wall", "Dutch disease", "Dutch treat", "Dutch uncle", "French leave", "Greek yogurt",
	"Greek yoghurt", "Chinese New Year", "Brazil nut", "Brazil nuts", "French window", "French windows",
	"French door", "French doors", "Jersey cow", "Jersey cows", "Panama hats", "Turkey Trot",
	// diseases named after where they were first reported, and historical states
	"Spanish flu", "Spanish influenza", "Asian flu", "Hong Kong flu", "Russian flu", "German measles",
	"Austro-Hungarian",
	// people of a diaspora, not the state
	"Native American", "Native Americans", "African American", "African Americans", "African-American",
	"African-Americans", "Asian American", "Asian Americans",
	// publications and brands
	"China Daily", "Global Times", "Washington Post", "New York Times", "Financial Times", "Moscow Times",
	"Japan Times", "Jordan Times", "Times of India", "South China Morning Post", "Jerusalem Post",
	"Korea Herald", "Korea Times", "Bangkok Post", "Kyiv Independent", "Kyiv Post", "Sydney Morning Herald",
	"Irish Times", "Straits Times", "Jakarta Post", "Tehran Times", "Voice of America", "Bank of America",
	"American Airlines", "American Express", "China Central Television", "Radio Free Asia", "Arab News",
	"Gulf News", "Georgia Tech", "Air India", "Air China", "Japan Airlines", "Turkish Airlines",
	"Singapore Airlines", "Qatar Airways", "Emirates airline", "Korean Air", "British Airways",
	"Deutsche Bank", "Standard Chartered", "Bank of China", "Paris Saint-Germain", "Real Madrid",
	"Manchester United", "Manchester City", "Atletico Madrid", "Inter Milan", "AC Milan",
	"Saudi Aramco", "China Mobile", "China Telecom", "China Unicom", "China Eastern", "China Southern",
	"China Construction Bank", "China Merchants", "China Evergrande", "China Vanke", "Royal Bank of Canada",
	"National Australia Bank", "Commonwealth Bank of Australia", "State Bank of India", "Coal India",
	"Japan Tobacco", "Korea Zinc", "Emirates NBD", "Thai Airways", "Kenya Airways", "Royal Air Maroc",
	// people named after states or cities
	"George Washington", "Michael Jordan", "Paris Hilton", "Denzel Washington",
}

// combining lists combining forms that count only before a hyphen:
// "Sino-Russian", "Franco-German".
var combining = map[string]bool{"Sino": true, "Russo": true, "Franco": true, "Anglo": true}

// documentNouns follow a place in the name of a document or process:
// "Paris Agreement", "Minsk agreements", "Beijing Declaration".
var documentNouns = map[string]bool{
	"agreement": true, "agreements": true, "accord": true, "accords": true, "declaration": true,
	"protocol": true, "protocols": true, "convention": true, "conventions": true, "treaty": true,
	"charter": true, "consensus": true, "communique": true, "communiqué": true, "principles": true,
	"format": true, "process": true, "memorandum": true, "pact": true, "statute": true, "framework": true,
	"initiative": true, "roadmap": true, "formula": true, "rules": true, "syndrome": true, "doctrine": true,
}

// groupNouns, capitalised after a city, name a diplomatic grouping that
// met or was founded there: "Minsk Group", "Lima Group". A country name
// before them is kept ("Ukraine Group" is rare, "Japan Group" a company).
var groupNouns = map[string]bool{"group": true, "club": true}

// companyNouns, capitalised after a country name or demonym, make it a
// company's name: "Ethiopian Airlines", "Kenya Airways", "Norwegian Air".
// A company does not by itself make its country a subject.
var companyNouns = map[string]bool{
	"airlines": true, "airways": true, "airline": true, "telecom": true, "telecoms": true, "mobile": true,
	"unicom": true, "cruise": true,
}

// needsArticle are country aliases that name the state only after "the":
// "the Emirates" is the UAE, "Emirates" alone the airline.
var needsArticle = map[string]bool{"emirates": true}

// nameParticles joined by a hyphen to a following name make it part of an
// Arabic personal or family name: "Al-Sabah" is Kuwait's ruling family,
// not the Malaysian state of Sabah.
var nameParticles = map[string]bool{"al": true, "el": true, "bin": true, "ibn": true, "bint": true, "abu": true, "ould": true}

// personProne are country and city names that are also common personal
// names (or, like Cambridge, often name something else); next to another
// capitalised word they are taken as a person, and a city or province of
// the name counts alone only after a preposition of place, in the
// dateline or when the article names its state otherwise.
var personProne = map[string]bool{
	"jordan": true, "chad": true, "georgia": true, "israel": true, "paris": true, "sydney": true,
	"florence": true, "victoria": true, "austin": true, "jackson": true, "lincoln": true, "kenya": true,
	"india": true, "china": false, "brittany": true, "chelsea": true, "houston": true, "dallas": true,
	"denver": true, "lima": false, "santiago": true, "adelaide": true, "regina": true, "charlotte": true,
	"madison": true, "orlando": true, "phoenix": true, "eugene": true, "aurora": true, "savannah": true,
	"salem": true, "sofia": true, "berlin": false, "hamilton": true, "richmond": true, "chester": true,
	"milton": true, "douglas": true, "durham": true, "cambridge": true, "lancaster": true, "preston": true,
}

// honorifics before a name mark a person: "Mr Jordan", "coach Chad".
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "coach": true, "star": true,
	"actor": true, "actress": true, "singer": true, "player": true, "forward": true, "striker": true,
	"senator": true, "sen": true, "rep": true, "judge": true, "lawyer": true, "defender": true,
	"midfielder": true, "quarterback": true, "guard": true, "rapper": true, "sheikh": true, "sheik": true,
	"sheikha": true, "prince": true, "princess": true, "imam": true, "ayatollah": true,
}

// placeNouns may follow a country or city name without making it part of
// a person's name: "Jordan Valley", "Israel Defense Forces".
var placeNouns = map[string]bool{
	"valley": true, "river": true, "basin": true, "lake": true, "sea": true, "border": true, "government": true,
	"army": true, "defense": true, "defence": true, "forces": true, "police": true, "king": true, "queen": true,
	"president": true, "prime": true, "foreign": true, "state": true, "national": true, "armed": true,
	"central": true, "ministry": true, "minister": true, "embassy": true, "airport": true, "city": true,
	"province": true, "region": true, "county": true, "delegation": true, "team": true, "officials": true,
	"authorities": true, "parliament": true, "football": true, "cabinet": true, "crisis": true, "war": true,
	"talks": true, "summit": true, "relations": true, "navy": true, "air": true, "coast": true, "port": true,
	"harbour": true, "harbor": true, "bureau": true, "office": true, "court": true, "supreme": true,
	"election": true, "elections": true, "times": true, "post": true, "daily": true, "news": true,
}

// geoPrefixes may precede a country or city name: "Lake Chad", "Northern Jordan".
var geoPrefixes = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true, "upper": true, "lower": true, "greater": true,
	"lake": true, "neighbouring": true, "neighboring": true, "mainland": true, "rural": true, "coastal": true,
	"visit": true, "visits": true, "in": true, "to": true, "from": true, "of": true, "and": true, "with": true,
	"king": true, "president": true, "prime": true, "minister": true, "government": true, "kingdom": true,
	"republic": true, "state": true, "federal": true, "inside": true, "across": true, "says": true, "said": true,
	"told": true, "on": true, "at": true, "by": true, "for": true, "against": true,
}

// titles before a given name make the name after it a person's:
// "Councillor Jim Milton", "Defense Secretary Lloyd Austin".
var titles = map[string]bool{
	"president": true, "minister": true, "secretary": true, "governor": true, "councillor": true,
	"councilor": true, "mayor": true, "spokesperson": true, "spokesman": true, "spokeswoman": true,
	"premier": true, "chancellor": true, "ambassador": true, "commissioner": true, "general": true,
	"captain": true, "chairman": true, "chairwoman": true, "director": true, "professor": true, "prof": true,
	"father": true, "bishop": true, "cardinal": true, "sergeant": true, "inspector": true, "detective": true,
	"constable": true, "officer": true, "manager": true, "chief": true, "deputy": true, "senator": true,
}

// placePrepositions before a one-word name make it a place even where
// the article uses the name for a person too: "in Jordan", "to Chad".
var placePrepositions = map[string]bool{
	"in": true, "to": true, "from": true, "into": true, "across": true, "near": true, "via": true, "at": true,
	"of": true, "inside": true, "outside": true, "throughout": true, "toward": true, "towards": true,
	"visit": true, "visited": true, "visiting": true, "visits": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true,
}

// nounStates are states whose one-word name is also an English common
// noun ("turkey" the bird, "china" the porcelain, "jersey" the garment,
// "guinea" the coin, "chad" the paper scrap).
var nounStates = map[string]bool{"turkey": true, "china": true, "jersey": true, "guinea": true, "chad": true}

// riverNouns after a state's name make it the river's: "Niger River".
var riverNouns = map[string]bool{"river": true, "basin": true}

// agencyHome maps national news agencies and outlets, as a source line or
// front matter names them (lower case), to their home state. Global
// agencies (Reuters, AP, AFP, Bloomberg) have none.
var agencyHome = map[string]string{
	"xinhua": "CN", "cgtn": "CN", "china daily": "CN", "global times": "CN", "people's daily online": "CN",
	"aap": "AU", "australian associated press": "AU", "pti": "IN", "ani": "IN", "ians": "IN", "app": "PK",
	"associated press of pakistan": "PK", "cp": "CA", "canadian press": "CA", "the canadian press": "CA", "cbc": "CA",
	"rnz": "NZ", "kyodo": "JP", "jiji": "JP", "nhk": "JP", "yonhap": "KR", "kcna": "KP", "bernama": "MY",
	"antara": "ID", "pna": "PH", "vna": "VN", "tass": "RU", "ria novosti": "RU", "ukrinform": "UA",
	"anadolu": "TR", "anadolu agency": "TR", "irna": "IR", "wam": "AE", "spa": "SA", "qna": "QA", "kuna": "KW",
	"mena": "EG", "aps": "DZ", "map": "MA", "tap": "TN", "nan": "NG", "efe": "ES", "ansa": "IT", "dpa": "DE",
	"apa": "AT", "belga": "BE", "anp": "NL", "pap": "PL", "ctk": "CZ", "mti": "HU", "agerpres": "RO", "bta": "BG",
	"pa": "GB", "pa media": "GB", "press association": "GB", "andina": "PE", "agencia brasil": "BR",
	"telam": "AR", "notimex": "MX", "prensa latina": "CU",
}
