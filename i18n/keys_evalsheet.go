package i18n

// The exports' Evaluasi sheet (export/evaluation.go).
const (
	ExportColPeriod     Key = "export.col.period"
	ExportColHasil      Key = "export.col.hasil"
	ExportColPerilaku   Key = "export.col.perilaku"
	ExportColPredikat   Key = "export.col.predikat"
	ExportColRatedBy    Key = "export.col.rated_by"
	ExportColRatedOn    Key = "export.col.rated_on"
	ExportColRaterNote  Key = "export.col.rater_note"
	ExportColObjection  Key = "export.col.objection"
	ExportColReviewNote Key = "export.col.review_note"
	ExportColReviewedBy Key = "export.col.reviewed_by"
)
