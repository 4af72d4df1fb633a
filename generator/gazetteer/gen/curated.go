package main

// Hand-curated corrections and additions applied on top of the
// world-countries data. They encode how English-language news writes
// about states, which no public dataset records.

// nameOverride replaces world-countries' common name where news usage differs.
var nameOverride = map[string]string{
	"CD": "DR Congo",
	"CG": "Republic of the Congo",
	"TR": "Turkey",
	"CZ": "Czechia",
	"MO": "Macau",
	"VA": "Vatican City",
	"PS": "Palestine",
}

// extraAliases are alternate names that denote the state itself.
var extraAliases = map[string][]string{
	"US": {"U.S.", "US", "U.S.A.", "USA", "United States of America", "America"},
	"GB": {"UK", "U.K.", "Britain", "Great Britain", "United Kingdom"},
	"KP": {"DPRK", "North Korea", "Korea"},
	"KR": {"ROK", "Republic of Korea", "Korea"},
	"MM": {"Burma"},
	"CI": {"Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"},
	"TR": {"Türkiye", "Turkiye", "Republic of Türkiye"},
	"CZ": {"Czech Republic"},
	"LA": {"Lao PDR", "Lao People's Democratic Republic"},
	"CN": {"PRC", "People's Republic of China", "Mainland China", "Chinese mainland"},
	"TW": {"Chinese Taipei", "Republic of China"},
	"CG": {"Congo", "Republic of Congo", "Congo-Brazzaville", "Congo Brazzaville", "Republic of the Congo"},
	"AE": {"UAE", "U.A.E.", "Emirates", "United Arab Emirates"},
	"SA": {"Saudi Arabia", "KSA"},
	"ZA": {"South Africa"},
	"NL": {"Holland", "The Netherlands"},
	"MK": {"Macedonia", "North Macedonia"},
	"SZ": {"Swaziland", "Eswatini"},
	"CV": {"Cabo Verde", "Cape Verde"},
	"TL": {"East Timor", "Timor-Leste", "Timor Leste"},
	"VA": {"Holy See", "Vatican"},
	"PS": {"State of Palestine", "Palestinian Territories", "Palestinian territories", "Occupied Palestinian Territory", "Gaza Strip", "West Bank", "Gaza"},
	"VN": {"Viet Nam", "South Vietnam", "North Vietnam"},
	"BN": {"Brunei Darussalam"},
	"RU": {"Russian Federation"},
	"SY": {"Syrian Arab Republic"},
	"IR": {"Islamic Republic of Iran", "Persia"},
	"MD": {"Republic of Moldova"},
	"FM": {"Federated States of Micronesia"},
	"BO": {"Plurinational State of Bolivia"},
	"VE": {"Bolivarian Republic of Venezuela"},
	"TZ": {"United Republic of Tanzania"},
	"BA": {"Bosnia", "Bosnia-Herzegovina"},
	"KN": {"St Kitts and Nevis", "St. Kitts and Nevis"},
	"LC": {"St Lucia", "St. Lucia"},
	"VC": {"St Vincent and the Grenadines", "St. Vincent and the Grenadines"},
	"ST": {"Sao Tome and Principe", "São Tomé and Príncipe"},
	"GM": {"The Gambia"},
	"BS": {"The Bahamas"},
	"HK": {"Hong Kong SAR"},
	"MO": {"Macao", "Macao SAR"},
	"XK": {"Republic of Kosovo"},
	"NG": {"Niger Delta"},
	"TD": {"Lake Chad"},
	// Historical names that fold into the successor state (see
	// historicalStates for the states that keep their own page).
	"CD": {"Congo", "DRC", "DR Congo", "D.R. Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "Congo Kinshasa", "Zaire", "Republic of Zaire"},
	"LK": {"Ceylon"},
	"ZW": {"Rhodesia", "Southern Rhodesia"},
	"ZM": {"Northern Rhodesia"},
	"DE": {"West Germany", "Federal Republic of Germany"},
	"BJ": {"Dahomey"},
	"BF": {"Upper Volta"},
	"TH": {"Siam"},
	"KH": {"Kampuchea", "Democratic Kampuchea"},
	"BD": {"East Pakistan"},
	"YE": {"South Yemen", "North Yemen"},
}

// dropAliases removes world-countries alternates that collide with ordinary
// English words, other states or native-language forms that invite false hits.
var dropAliases = map[string][]string{
	"IS": {"Island"},
	"TL": {"Timor"},
	"TH": {"Thai", "Prathet"},
	"TG": {"Togolese"},
	"IM": {"Mann"},
	"GF": {"Guiana"},
	"SA": {"Saudi"},
	"NR": {"Pleasant Island"},
	"BM": {"Somers Isles"},
	"BN": {"the Abode of Peace", "Nation of Brunei"},
}

// extraDemonyms are adjectives and demonyms beyond world-countries' one form.
var extraDemonyms = map[string][]string{
	"CN": {"Chinese", "Sino"},
	"RU": {"Russian", "Russians", "Russo"},
	"LA": {"Lao", "Laotian", "Laotians"},
	"PS": {"Palestinian", "Palestinians"},
	"US": {"American", "Americans"},
	"GB": {"British", "Briton", "Britons", "Anglo"},
	"FR": {"French", "Franco", "Frenchman"},
	"DE": {"German", "Germans", "West German", "West Germans"},
	"TR": {"Turkish", "Turk", "Turks"},
	"KP": {"North Korean", "North Koreans", "Korean", "Koreans"},
	"KR": {"South Korean", "South Koreans", "Korean", "Koreans"},
	"NL": {"Dutch"},
	"CH": {"Swiss"},
	"PH": {"Filipino", "Filipinos", "Philippine"},
	"SA": {"Saudi", "Saudis", "Saudi Arabian"},
	"AE": {"Emirati", "Emiratis"},
	"IL": {"Israeli", "Israelis"},
	"IR": {"Iranian", "Iranians", "Persian"},
	"TH": {"Thai"},
	"TW": {"Taiwanese"},
	"JP": {"Japanese"},
	"VN": {"Vietnamese"},
	"KH": {"Cambodian", "Khmer"},
	"MM": {"Myanmar", "Burmese"},
	"BD": {"Bangladeshi", "Bangladeshis"},
	"PK": {"Pakistani", "Pakistanis"},
	"AF": {"Afghan", "Afghans", "Afghanistani"},
	"KZ": {"Kazakh", "Kazakhstani"},
	"KG": {"Kyrgyz"},
	"TJ": {"Tajik"},
	"UZ": {"Uzbek"},
	"TM": {"Turkmen"},
	"AZ": {"Azerbaijani", "Azeri"},
	"BY": {"Belarusian"},
	"UA": {"Ukrainian", "Ukrainians"},
	"PL": {"Polish", "Pole", "Poles"},
	"CZ": {"Czech"},
	"SK": {"Slovak"},
	"SI": {"Slovenian", "Slovene"},
	"HR": {"Croatian", "Croat"},
	"RS": {"Serbian", "Serb", "Serbs"},
	"BA": {"Bosnian"},
	"ES": {"Spanish", "Spaniard", "Spaniards"},
	"DK": {"Danish", "Dane", "Danes"},
	"SE": {"Swedish", "Swede", "Swedes"},
	"FI": {"Finnish", "Finn", "Finns"},
	"NO": {"Norwegian"},
	"IS": {"Icelandic", "Icelander"},
	"IE": {"Irish"},
	"NZ": {"New Zealander", "Kiwi"},
	"YE": {"Yemeni", "Yemenis"},
	"SO": {"Somali", "Somalis"},
	"KW": {"Kuwaiti"},
	"QA": {"Qatari"},
	"OM": {"Omani"},
	"BH": {"Bahraini"},
	"IQ": {"Iraqi", "Iraqis"},
	"SY": {"Syrian", "Syrians"},
	"LB": {"Lebanese"},
	"JO": {"Jordanian", "Jordanians"},
	"EG": {"Egyptian", "Egyptians"},
	"LY": {"Libyan", "Libyans"},
	"SD": {"Sudanese"},
	"SS": {"South Sudanese"},
	"NE": {"Nigerien", "Nigeriens"},
	"GN": {"Guinean"},
	"GW": {"Bissau-Guinean"},
	"GQ": {"Equatorial Guinean", "Equatoguinean"},
	"PG": {"Papua New Guinean"},
	"DO": {"Dominican"},
	"GR": {"Greek", "Greeks", "Hellenic"},
	"CY": {"Cypriot"},
	"MT": {"Maltese"},
	"PT": {"Portuguese"},
	"IT": {"Italian", "Italians"},
	"BR": {"Brazilian", "Brazilians"},
	"AR": {"Argentine", "Argentinian", "Argentines"},
	"MX": {"Mexican", "Mexicans"},
	"CA": {"Canadian", "Canadians"},
	"AU": {"Australian", "Australians"},
	"IN": {"Indian", "Indians"},
	"LK": {"Sri Lankan", "Ceylonese"},
	"NP": {"Nepali", "Nepalese"},
	"MN": {"Mongolian"},
	"ID": {"Indonesian", "Indonesians"},
	"MY": {"Malaysian", "Malaysians"},
	"SG": {"Singaporean"},
	"ET": {"Ethiopian", "Ethiopians"},
	"ER": {"Eritrean"},
	"KE": {"Kenyan", "Kenyans"},
	"TZ": {"Tanzanian"},
	"UG": {"Ugandan"},
	"RW": {"Rwandan"},
	"ZA": {"South African", "South Africans"},
	"CD": {"Congolese", "Zairean", "Zairian"},
	"CG": {"Congolese"},
	"TD": {"Chadian"},
	"NG": {"Nigerian", "Nigerians"},
	"CI": {"Ivorian"},
	"VE": {"Venezuelan", "Venezuelans"},
	"CO": {"Colombian", "Colombians"},
	"CU": {"Cuban", "Cubans"},
	"XK": {"Kosovar", "Kosovan"},
	"MK": {"Macedonian"},
	"ME": {"Montenegrin"},
	"AL": {"Albanian"},
	"GE": {"Georgian"},
	"AM": {"Armenian"},
	"MD": {"Moldovan"},
	"RO": {"Romanian"},
	"HU": {"Hungarian"},
	"BG": {"Bulgarian"},
	"LT": {"Lithuanian"},
	"LV": {"Latvian"},
	"EE": {"Estonian"},
	"BE": {"Belgian"},
	"AT": {"Austrian"},
	"LU": {"Luxembourgish"},
	"DJ": {"Djiboutian"},
	"ZW": {"Zimbabwean", "Rhodesian"},
}

// dropDemonyms removes demonyms that world-countries shares between a state
// and a territory or that mean something else in English.
var dropDemonyms = map[string][]string{
	"DM": {"Dominican"},
	"IO": {"Indian"},
	"TF": {"French"},
	"BQ": {"Dutch"},
	"MP": {"American"},
	"SJ": {"Norwegian"},
	"GG": {"Channel Islander"},
	"JE": {"Channel Islander"},
	"DJ": {"Djibouti"},
	"GI": {"Gibraltar"},
	"VA": {"Vatican"},
	"KG": {"Kirghiz"},
	"TJ": {"Tadzhik"},
	"MM": {"Myanmar"},
	"VG": {"Virgin Islander"},
	"VI": {"Virgin Islander"},
}

// metonyms are seats of government used for the state ("the Kremlin said").
var metonyms = map[string][]string{
	"RU": {"Kremlin"},
	"US": {"White House", "Washington", "Pentagon", "Capitol Hill", "State Department", "Washington D.C."},
	"GB": {"Downing Street", "Whitehall", "Westminster", "Foreign Office"},
	// "People's Bank of China" is the central bank, not the commercial "Bank of China"
	"FR": {"Elysee", "Élysée", "Elysee Palace", "Élysée Palace", "Quai d'Orsay"},
	"KR": {"Blue House"},
	"JP": {"Kasumigaseki"},
	"BE": {},
	"VA": {"Vatican"},
	"IN": {"New Delhi", "Delhi"},
	"LA": {"Vientiane"},
	"NL": {"The Hague"},
	"IL": {"Tel Aviv"},
	"ZA": {"Pretoria", "Cape Town"},
	"CI": {"Abidjan"},
	"NG": {"Lagos"},
	"TR": {"Istanbul"},
	"MM": {"Naypyitaw", "Nay Pyi Taw", "Yangon", "Rangoon"},
	"KZ": {"Nur-Sultan"},
	"VN": {"Ho Chi Minh City", "Saigon", "Hanoi"},
	"AU": {},
	"BR": {"Brasilia"},
	"CO": {"Bogota"},
	"MN": {"Ulaanbaatar"},
	"PS": {"Ramallah"},
	"BO": {"La Paz"},
	"KI": {"Tarawa"},
	"DE": {"Bonn", "West Berlin"},
	"CN": {"Zhongnanhai", "People's Bank of China", "Peking"},
}

// dropCapitals removes capitals whose names are common words or names
// (Hamilton, Kingston, Victoria) or shared across states.
var dropCapitals = map[string][]string{
	"BM": {"Hamilton"}, "JM": {"Kingston"}, "NF": {"Kingston"}, "SC": {"Victoria"},
	"IM": {"Douglas"}, "AI": {"The Valley"}, "FK": {"Stanley"}, "MS": {"Plymouth"},
	"CC": {"West Island"}, "HK": {"City of Victoria"}, "IL": {"Jerusalem"},
	"GS": {"King Edward Point"}, "BQ": {"Oranjestad", "The Bottom"},
	"SH": {"Jamestown"}, "KI": {"South Tarawa"}, "CX": {"Flying Fish Cove"},
	"GY": {"Georgetown"}, "KY": {"George Town"}, "LU": {"Luxembourg"}, "MC": {"Monaco"},
	"SG": {"Singapore"}, "DJ": {"Djibouti"}, "GI": {"Gibraltar"}, "VA": {"Vatican City"},
	"PM": {"Saint-Pierre"}, "RE": {"Saint-Denis"}, "BO": {"Sucre"},
}

// region fills UN M49 region and subregion for entries M49 does not list.
var region = map[string][2]string{
	"XK": {"Europe", "Southern Europe"},
	"TW": {"Asia", "Eastern Asia"},
}

// skip lists ISO entries that are not places news writes about as states.
var skip = map[string]bool{}

// historicalState is a state that no longer exists and keeps its own page:
// news archives write about it as an actor in its own right, and folding
// it into one successor would misfile the others' history (the Soviet
// Union is not Russia; Yugoslavia is six states). States that were only
// renamed (Zaire, Burma, Ceylon, Rhodesia, Swaziland) or absorbed by a
// state that continued (West Germany) fold into the successor instead:
// see the historical names in extraAliases.
type historicalState struct {
	code, code3, name, official, region, subregion, dissolved string
	aliases, demonyms, capitals                               []string
}

// historicalStates carry their ISO 3166-3 codes (formerly used alpha-2
// and alpha-3). Their capitals are shared with the successor's, and
// detection reads "Moscow" as the Soviet Union only in an article that
// names the Soviet Union.
var historicalStates = []historicalState{
	{code: "SU", code3: "SUN", name: "Soviet Union", official: "Union of Soviet Socialist Republics",
		region: "Europe", subregion: "Eastern Europe", dissolved: "1991",
		aliases: []string{"USSR", "U.S.S.R.", "Union of Soviet Socialist Republics", "Soviet Russia"}, demonyms: []string{"Soviet", "Soviets"},
		capitals: []string{"Moscow", "Kremlin"}},
	{code: "YU", code3: "YUG", name: "Yugoslavia", official: "Socialist Federal Republic of Yugoslavia",
		region: "Europe", subregion: "Southern Europe", dissolved: "1992",
		aliases:  []string{"SFRY", "Socialist Federal Republic of Yugoslavia", "Federal People's Republic of Yugoslavia"},
		demonyms: []string{"Yugoslav", "Yugoslavs", "Yugoslavian"}, capitals: []string{"Belgrade"}},
	{code: "CS", code3: "CSK", name: "Czechoslovakia", official: "Czechoslovak Socialist Republic",
		region: "Europe", subregion: "Eastern Europe", dissolved: "1992",
		aliases:  []string{"Czechoslovak Socialist Republic", "Czech and Slovak Federative Republic"},
		demonyms: []string{"Czechoslovak", "Czechoslovakian"}, capitals: []string{"Prague"}},
	{code: "DD", code3: "DDR", name: "East Germany", official: "German Democratic Republic",
		region: "Europe", subregion: "Western Europe", dissolved: "1990",
		aliases: []string{"German Democratic Republic", "GDR"}, demonyms: []string{"East German", "East Germans"},
		capitals: []string{"East Berlin"}},
}
