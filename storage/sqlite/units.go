package sqlite

import (
	"context"
	"errors"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

const upsertUnitSQL = `
INSERT INTO units (code, name, type, parent_code, timezone, latitude, longitude,
	service_users, counters, quick_survey, monthly_target_minutes, approval_sla_days,
	remind_staff_at, remind_supervisor_at, evaluation_months, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (code) DO UPDATE SET
	name = excluded.name, type = excluded.type, parent_code = excluded.parent_code,
	timezone = excluded.timezone, latitude = excluded.latitude, longitude = excluded.longitude,
	service_users = excluded.service_users, counters = excluded.counters,
	quick_survey = excluded.quick_survey, monthly_target_minutes = excluded.monthly_target_minutes,
	approval_sla_days = excluded.approval_sla_days, remind_staff_at = excluded.remind_staff_at,
	remind_supervisor_at = excluded.remind_supervisor_at, evaluation_months = excluded.evaluation_months,
	updated_at = excluded.updated_at`

const selectUnitSQL = `
SELECT code, name, type, parent_code, timezone, latitude, longitude,
	service_users, counters, quick_survey, monthly_target_minutes, approval_sla_days,
	remind_staff_at, remind_supervisor_at, evaluation_months, created_at, updated_at
FROM units`

// UpsertUnit creates the unit or replaces its fields, keeping CreatedAt.
func (s *Store) UpsertUnit(ctx context.Context, u storage.Unit) error {
	if u.Code == "" {
		return errors.New("upsert unit: empty code")
	}
	now := s.now()
	_, err := s.db.ExecContext(ctx, upsertUnitSQL,
		u.Code, u.Name, u.Type, u.ParentCode, u.Timezone, u.Latitude, u.Longitude,
		u.ServiceUsers, u.Counters, u.QuickSurvey, u.MonthlyTargetMinutes, u.ApprovalSLADays,
		u.RemindStaffAt, u.RemindSupervisorAt, u.EvaluationMonths, millis(stamp(u.CreatedAt, now)), millis(stamp(u.UpdatedAt, now)))
	if err != nil {
		return fmt.Errorf("upsert unit code=%s: %w", u.Code, mapErr(err))
	}
	return nil
}

// GetUnit returns the unit with the code, or ErrNotFound.
func (s *Store) GetUnit(ctx context.Context, code string) (storage.Unit, error) {
	u, err := scanUnit(s.db.QueryRowContext(ctx, selectUnitSQL+" WHERE code = ?", code))
	if err != nil {
		return storage.Unit{}, fmt.Errorf("get unit code=%s: %w", code, mapErr(err))
	}
	return u, nil
}

// ListUnits returns every unit ordered by code.
func (s *Store) ListUnits(ctx context.Context) ([]storage.Unit, error) {
	rows, err := s.db.QueryContext(ctx, selectUnitSQL+" ORDER BY code")
	if err != nil {
		return nil, fmt.Errorf("list units: %w", mapErr(err))
	}
	defer func() { _ = rows.Close() }()
	units := []storage.Unit{}
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("list units: %w", mapErr(err))
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list units: %w", mapErr(err))
	}
	return units, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanUnit(row scanner) (storage.Unit, error) {
	var (
		u                storage.Unit
		created, updated int64
	)
	err := row.Scan(&u.Code, &u.Name, &u.Type, &u.ParentCode, &u.Timezone,
		&u.Latitude, &u.Longitude, &u.ServiceUsers, &u.Counters, &u.QuickSurvey,
		&u.MonthlyTargetMinutes, &u.ApprovalSLADays, &u.RemindStaffAt, &u.RemindSupervisorAt, &u.EvaluationMonths, &created, &updated)
	if err != nil {
		return storage.Unit{}, err
	}
	u.CreatedAt, u.UpdatedAt = fromMillis(created), fromMillis(updated)
	return u, nil
}
