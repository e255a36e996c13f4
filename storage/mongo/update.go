package mongo

import "go.mongodb.org/mongo-driver/v2/bson"

// update builds one update document: fields to $set, empty optional fields
// to $unset (an empty phone must be absent, not "", for its sparse unique
// index), and fields to $setOnInsert.
type update struct {
	set, unset, setOnInsert bson.D
}

func (u *update) put(field string, value any) {
	u.set = append(u.set, bson.E{Key: field, Value: value})
}

// optional sets the field when v is not empty and removes it otherwise,
// as the omitempty bson tags of storage records would.
func (u *update) optional(field, v string) {
	if v == "" {
		u.unset = append(u.unset, bson.E{Key: field, Value: ""})
		return
	}
	u.put(field, v)
}

// optionalFloat is optional for a coordinate: nil removes it, 0 is kept.
func (u *update) optionalFloat(field string, v *float64) {
	if v == nil {
		u.unset = append(u.unset, bson.E{Key: field, Value: ""})
		return
	}
	u.put(field, *v)
}

// optionalInt sets the field when v is not 0 and removes it otherwise, as
// an omitempty int field would be written.
func (u *update) optionalInt(field string, v int) {
	if v == 0 {
		u.unset = append(u.unset, bson.E{Key: field, Value: ""})
		return
	}
	u.put(field, v)
}

// optionalBool sets the field when v is true and removes it otherwise, as
// an omitempty bool field would be written.
func (u *update) optionalBool(field string, v bool) {
	if !v {
		u.unset = append(u.unset, bson.E{Key: field, Value: ""})
		return
	}
	u.put(field, v)
}

func (u *update) onInsert(field string, value any) {
	u.setOnInsert = append(u.setOnInsert, bson.E{Key: field, Value: value})
}

// doc omits empty operators: servers before MongoDB 5.0 and some
// compatible ones refuse them.
func (u *update) doc() bson.D {
	var d bson.D
	for _, op := range []bson.E{{Key: "$set", Value: u.set}, {Key: "$unset", Value: u.unset}, {Key: "$setOnInsert", Value: u.setOnInsert}} {
		if len(op.Value.(bson.D)) > 0 {
			d = append(d, op)
		}
	}
	return d
}
