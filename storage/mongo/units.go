package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// UpsertUnit creates the unit or replaces its fields, keeping created_at.
func (s *Store) UpsertUnit(ctx context.Context, u storage.Unit) error {
	if u.Code == "" {
		return errors.New("upsert unit: empty code")
	}
	_, err := s.units.UpdateOne(ctx, byID(u.Code), unitUpdate(u, s.now()), options.UpdateOne().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("upsert unit code=%s: %w", u.Code, mapErr(err))
	}
	return nil
}

func unitUpdate(u storage.Unit, now time.Time) bson.D {
	var up update
	up.put("name", u.Name)
	up.put("timezone", u.Timezone)
	up.put("updated_at", stamp(u.UpdatedAt, now))
	up.optional("type", u.Type)
	up.optional("parent_code", u.ParentCode)
	up.optionalFloat("latitude", u.Latitude)
	up.optionalFloat("longitude", u.Longitude)
	up.optionalInt("service_users", u.ServiceUsers)
	up.optionalInt("counters", u.Counters)
	up.optionalBool("quick_survey", u.QuickSurvey)
	up.optionalInt("monthly_target_minutes", u.MonthlyTargetMinutes)
	up.optionalInt("approval_sla_days", u.ApprovalSLADays)
	up.optionalInt("remind_staff_at", u.RemindStaffAt)
	up.optionalInt("remind_supervisor_at", u.RemindSupervisorAt)
	up.optionalInt("evaluation_months", u.EvaluationMonths)
	up.onInsert("created_at", stamp(u.CreatedAt, now))
	return up.doc()
}

// GetUnit returns the unit with the code, or ErrNotFound.
func (s *Store) GetUnit(ctx context.Context, code string) (storage.Unit, error) {
	var u storage.Unit
	if err := s.units.FindOne(ctx, byID(code)).Decode(&u); err != nil {
		return storage.Unit{}, fmt.Errorf("get unit code=%s: %w", code, mapErr(err))
	}
	return u, nil
}

// ListUnits returns every unit ordered by code.
func (s *Store) ListUnits(ctx context.Context) ([]storage.Unit, error) {
	units, err := findAll[storage.Unit](ctx, s.units, bson.D{}, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return units, nil
}

func byID(id string) bson.D { return bson.D{{Key: "_id", Value: id}} }

// stamp is t, or now when t is zero: callers may leave times to the store.
func stamp(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t
}
