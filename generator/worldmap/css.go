package worldmap

// CSS returns default styles for the map. Every colour is a custom property
// with a light fallback, so a theme restyles the map by setting
// --map-q0 … --map-q5 (no coverage to most), --map-stroke (borders),
// --map-focus (hovered or focused country) and --map-text anywhere above it,
// for example in :root or a dark-mode media query. Screens narrower than
// 40rem show the HTML key (KeyWith) in place of the legend inside the map,
// whose text would be too small to read there.
func CSS() string {
	return `.worldmap{display:block;width:100%;height:auto}
.worldmap .c{stroke:var(--map-stroke,#fff);stroke-width:.5;stroke-linejoin:round}
.worldmap .q0{fill:var(--map-q0,#e4e2dd)}
.worldmap .q1{fill:var(--map-q1,#d2e1f0)}
.worldmap .q2{fill:var(--map-q2,#a9c6e3)}
.worldmap .q3{fill:var(--map-q3,#77a3d0)}
.worldmap .q4{fill:var(--map-q4,#4479b5)}
.worldmap .q5{fill:var(--map-q5,#1b4b87)}
.worldmap a:hover .c,.worldmap a:focus .c{stroke:var(--map-focus,#d9480f);stroke-width:2}
.worldmap .legend text{fill:var(--map-text,currentColor)}
.worldmap .legend .c{stroke:var(--map-text,currentColor);stroke-width:.5}
.map-key{display:none;margin:.4rem 0 0;font-size:.85rem;line-height:1.8}
.map-key-item{white-space:nowrap;margin-right:.6rem}
.map-key-title{margin-right:.6rem}
.map-swatch{display:inline-block;width:1.6em;height:.9em;vertical-align:-.1em;border:1px solid var(--map-text,currentColor);background:var(--map-q0,#e4e2dd)}
.map-swatch.q1{background:var(--map-q1,#d2e1f0)}
.map-swatch.q2{background:var(--map-q2,#a9c6e3)}
.map-swatch.q3{background:var(--map-q3,#77a3d0)}
.map-swatch.q4{background:var(--map-q4,#4479b5)}
.map-swatch.q5{background:var(--map-q5,#1b4b87)}
@media (max-width:40rem){.worldmap .legend{display:none}.map-key{display:block}}
`
}
