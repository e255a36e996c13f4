package i18n

// BerAKHLAK names the seven BerAKHLAK values, value 1 to 7 (appreciation,
// and the columns of the export's Apresiasi sheet).
var BerAKHLAK = [7]Key{
	ValueServiceOriented, ValueAccountable, ValueCompetent, ValueHarmonious,
	ValueLoyal, ValueAdaptive, ValueCollaborative,
}
