package main

// organisation is an international organisation, written out in full at its
// first mention and by its acronym afterwards, as wire copy does.
type organisation struct {
	Acronym string // as written in running text and in front matter
	Name    string
	// Bare is set for acronyms read as words, which take no article:
	// "NATO said", but "the EU said".
	Bare bool
}

// organisations is written by hand from common knowledge, not derived from a
// dataset. Its order is part of the corpus.
var organisations = [...]organisation{
	{"UN", "United Nations", false},
	{"UNSC", "UN Security Council", false},
	{"UNGA", "UN General Assembly", false},
	{"ASEAN", "Association of Southeast Asian Nations", true},
	{"EU", "European Union", false},
	{"NATO", "North Atlantic Treaty Organization", true},
	{"AU", "African Union", false},
	{"SCO", "Shanghai Cooperation Organization", false},
	{"BRICS", "BRICS group of emerging economies", true},
	{"G20", "Group of 20", false},
	{"G7", "Group of Seven", false},
	{"WTO", "World Trade Organization", false},
	{"IMF", "International Monetary Fund", false},
	{"WHO", "World Health Organization", false},
	{"OPEC", "Organization of the Petroleum Exporting Countries", true},
	{"APEC", "Asia-Pacific Economic Cooperation", true},
	{"OSCE", "Organization for Security and Co-operation in Europe", false},
	{"OECD", "Organisation for Economic Co-operation and Development", false},
	{"IAEA", "International Atomic Energy Agency", false},
	{"UNESCO", "UN Educational, Scientific and Cultural Organization", true},
	{"UNICEF", "UN Children's Fund", true},
	{"UNHCR", "UN Refugee Agency", false},
	{"WFP", "World Food Programme", false},
	{"FAO", "Food and Agriculture Organization", false},
	{"ILO", "International Labour Organization", false},
	{"UNDP", "UN Development Programme", false},
	{"UNEP", "UN Environment Programme", false},
	{"UNFCCC", "UN Framework Convention on Climate Change", false},
	{"ICJ", "International Court of Justice", false},
	{"ICC", "International Criminal Court", false},
	{"ICAO", "International Civil Aviation Organization", false},
	{"IMO", "International Maritime Organization", false},
	{"ITU", "International Telecommunication Union", false},
	{"WIPO", "World Intellectual Property Organization", false},
	{"IOM", "International Organization for Migration", false},
	{"ICRC", "International Committee of the Red Cross", false},
	{"OIC", "Organisation of Islamic Cooperation", false},
	{"GCC", "Gulf Cooperation Council", false},
	{"CIS", "Commonwealth of Independent States", false},
	{"CSTO", "Collective Security Treaty Organization", false},
	{"EAEU", "Eurasian Economic Union", false},
	{"ECOWAS", "Economic Community of West African States", true},
	{"SADC", "Southern African Development Community", true},
	{"EAC", "East African Community", false},
	{"IGAD", "Intergovernmental Authority on Development", true},
	{"OAS", "Organization of American States", false},
	{"CELAC", "Community of Latin American and Caribbean States", true},
	{"MERCOSUR", "Southern Common Market", true},
	{"CARICOM", "Caribbean Community", true},
	{"SAARC", "South Asian Association for Regional Cooperation", true},
	{"BIMSTEC", "Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation", true},
	{"PIF", "Pacific Islands Forum", false},
	{"AIIB", "Asian Infrastructure Investment Bank", false},
	{"ADB", "Asian Development Bank", false},
	{"NDB", "New Development Bank", false},
	{"AfDB", "African Development Bank", false},
	{"EBRD", "European Bank for Reconstruction and Development", false},
	{"RCEP", "Regional Comprehensive Economic Partnership", false},
	{"NAM", "Non-Aligned Movement", false},
	{"CICA", "Conference on Interaction and Confidence-Building Measures in Asia", true},
	{"Arab League", "League of Arab States", false},
	{"CoE", "Council of Europe", false},
}
