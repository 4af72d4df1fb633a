package chart

// CSS returns default styles for charts. Bars take --chart-bar (default: a
// blue that reads on light and dark), links --chart-hover, and text and axis
// --chart-text, which defaults to the surrounding text colour; a theme sets
// them anywhere above the chart.
func CSS() string {
	return `.chart{display:block;width:100%;max-width:36rem;height:auto}
.chart .bar{fill:var(--chart-bar,#3a72b0)}
.chart a:hover .bar,.chart a:focus .bar{fill:var(--chart-hover,#d9480f)}
.chart text{fill:var(--chart-text,currentColor)}
.chart .axis{stroke:var(--chart-text,currentColor);stroke-width:1}
`
}
