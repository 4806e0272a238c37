package catalog

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"sort"

	"github.com/cophealth/cop/internal/model"
)

// Embedded frameworks are also kept compiled: a compact binary form of the
// loaded framework, generated from the YAML by the catalog's tests
// (go test ./internal/catalog -update) and embedded beside it. Reading it
// takes microseconds where parsing the YAML takes about 0.4 ms, a quarter of
// the time budget of a whole "cop report" (see the README's Performance
// section).
//
// The YAML stays the single source of truth: a compiled file starts with the
// length and CRC-32C of the YAML it was made from, and cop uses it only when
// both match the embedded YAML. (The check guards against a forgotten
// regeneration, not against an attacker, who could change the binary; a
// CRC is enough and costs a fraction of a cryptographic hash at every start.) A stale or damaged compiled file is ignored and
// the YAML is parsed instead, so the result is always that of the YAML.

// compiledMagic starts every compiled framework; the last byte is the
// format's version.
const compiledMagic = "COPFW\x03"

// Compile encodes a framework loaded from source.
func Compile(fw *model.Framework, source []byte) []byte {
	b := append([]byte(compiledMagic), sourceStamp(source)...)
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(v float64) { b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v)) }
	count := func(n int) { b = binary.AppendUvarint(b, uint64(n)) }
	pos := func(p model.Pos) { count(p.Line); count(p.Col) }
	str(fw.ID)
	str(fw.Version)
	str(fw.Title)
	str(fw.Description)
	count(len(fw.Scale))
	for _, s := range fw.Scale {
		num(s.Value)
		str(s.Label)
		str(s.Description)
	}
	count(len(fw.Levels))
	for _, l := range fw.Levels {
		str(l.ID)
		str(l.Label)
		num(l.Min)
		str(l.Description)
		if l.MinEach != nil {
			count(1)
			num(*l.MinEach)
		} else {
			count(0)
		}
		pos(l.Pos)
	}
	count(len(fw.Dimensions))
	for _, d := range fw.Dimensions {
		str(d.ID)
		str(d.Title)
		str(d.Description)
		num(d.Weight)
		pos(d.Pos)
		count(len(d.Indicators))
		for _, ind := range d.Indicators {
			str(ind.ID)
			str(ind.Title)
			str(ind.Statement)
			str(ind.Guidance)
			levels := make([]string, 0, len(ind.GuidanceByLevel))
			for id := range ind.GuidanceByLevel {
				levels = append(levels, id)
			}
			sort.Strings(levels) // a map's order is random; the file must not be
			count(len(levels))
			for _, id := range levels {
				str(id)
				str(ind.GuidanceByLevel[id])
			}
			num(ind.Weight)
			pos(ind.Pos)
		}
	}
	return b
}

// sourceStamp identifies the YAML a compiled form was made from: its length
// and its CRC-32C, 12 bytes.
func sourceStamp(source []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(source)))
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(source, crc32.MakeTable(crc32.Castagnoli)))
}

var errCompiled = errors.New("compiled framework is damaged")

// decompile decodes a compiled framework made from source. It fails, rather
// than panics, on any damage, and on a hash that does not match source.
func decompile(data, source []byte) (fw *model.Framework, err error) {
	stamp := sourceStamp(source)
	head := len(compiledMagic) + len(stamp)
	if len(data) < head || string(data[:len(compiledMagic)]) != compiledMagic || string(data[len(compiledMagic):head]) != string(stamp) {
		return nil, errors.New("compiled framework is not from this YAML")
	}
	r := reader{data: data[head:]}
	fw = &model.Framework{}
	fw.ID, fw.Version, fw.Title, fw.Description = r.str(), r.str(), r.str(), r.str()
	fw.Scale = make([]model.ScalePoint, r.count())
	for i := range fw.Scale {
		fw.Scale[i] = model.ScalePoint{Value: r.num(), Label: r.str(), Description: r.str()}
	}
	fw.Levels = make([]model.Level, r.count())
	for i := range fw.Levels {
		l := model.Level{ID: r.str(), Label: r.str(), Min: r.num(), Description: r.str()}
		if r.count() == 1 {
			m := r.num()
			l.MinEach = &m
		}
		l.Pos = r.pos()
		fw.Levels[i] = l
	}
	fw.Dimensions = make([]model.Dimension, r.count())
	for i := range fw.Dimensions {
		d := &fw.Dimensions[i]
		d.ID, d.Title, d.Description, d.Weight, d.Pos = r.str(), r.str(), r.str(), r.num(), r.pos()
		d.Indicators = make([]model.Indicator, r.count())
		for j := range d.Indicators {
			ind := model.Indicator{ID: r.str(), Title: r.str(), Statement: r.str(), Guidance: r.str()}
			if n := r.count(); n > 0 {
				ind.GuidanceByLevel = make(map[string]string, n)
				for k := 0; k < n; k++ {
					id := r.str()
					ind.GuidanceByLevel[id] = r.str()
				}
			}
			ind.Weight, ind.Pos = r.num(), r.pos()
			d.Indicators[j] = ind
		}
	}
	if r.bad || len(r.data) != 0 || len(fw.Scale) < 2 || len(fw.Levels) == 0 || len(fw.Dimensions) == 0 {
		return nil, errCompiled
	}
	return fw, nil
}

// reader walks a compiled framework; after the first error every read
// returns a zero value and bad is set.
type reader struct {
	data []byte
	bad  bool
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.bad, r.data = true, nil
		return 0
	}
	r.data = r.data[n:]
	return v
}

// count reads a length, refusing one larger than what is left to read so
// that damaged input cannot ask for a huge allocation.
func (r *reader) count() int {
	v := r.uvarint()
	if v > uint64(len(r.data)) {
		r.bad, r.data = true, nil
		return 0
	}
	return int(v)
}

func (r *reader) str() string {
	n := r.count()
	s := string(r.data[:n])
	r.data = r.data[n:]
	return s
}

func (r *reader) num() float64 {
	if len(r.data) < 8 {
		r.bad, r.data = true, nil
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.data))
	r.data = r.data[8:]
	return v
}

func (r *reader) pos() model.Pos {
	line, col := r.uvarint(), r.uvarint()
	if line > math.MaxInt32 || col > math.MaxInt32 {
		r.bad, r.data = true, nil
		return model.Pos{}
	}
	return model.Pos{Line: int(line), Col: int(col)}
}
