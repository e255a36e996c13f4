package mongo

import (
	"context"
	"fmt"
	"regexp"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// FindEmployees returns the page of employees q selects, by NIP: a range
// of unit_code_id (or role_unit_code_id for admins) when units are named,
// of _id otherwise, read in order.
func (s *Store) FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error) {
	if err := q.Check(); err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	filter := bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: q.AfterNIP}}}}
	if len(q.Units) > 0 {
		filter = append(filter, bson.E{Key: "unit_code", Value: bson.D{{Key: "$in", Value: q.Units}}})
	}
	if q.ActiveOnly {
		filter = append(filter, bson.E{Key: "active", Value: true})
	}
	if q.InactiveOnly {
		filter = append(filter, bson.E{Key: "active", Value: false})
	}
	if q.AdminsOnly {
		filter = append(filter, bson.E{Key: "role", Value: string(storage.RoleAdmin)})
	}
	if q.NameContains != "" {
		filter = append(filter, bson.E{Key: "name", Value: bson.D{
			{Key: "$regex", Value: regexp.QuoteMeta(q.NameContains)}, {Key: "$options", Value: "i"}}})
	}
	all, err := findAll[storage.Employee](ctx, s.employees, filter,
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetLimit(int64(q.Limit)))
	if err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	for i := range all {
		all[i] = tidy(all[i])
	}
	return all, nil
}

// EmployeesByNIP returns the employees of the NIPs on the roster, by NIP.
func (s *Store) EmployeesByNIP(ctx context.Context, nips []string) ([]storage.Employee, error) {
	if len(nips) > storage.MaxEmployeePage {
		return nil, fmt.Errorf("employees by nip: %w: %d NIPs, at most %d", storage.ErrInvalid, len(nips), storage.MaxEmployeePage)
	}
	if len(nips) == 0 {
		return []storage.Employee{}, nil
	}
	all, err := s.findEmployees(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: nips}}}})
	if err != nil {
		return nil, fmt.Errorf("employees by nip: %w", err)
	}
	return all, nil
}

// UpsertEmployees upserts the batch in one ordered bulk write of
// UpsertEmployee's updates: it stops at the first failure, the employees
// before it written.
func (s *Store) UpsertEmployees(ctx context.Context, es []storage.Employee) error {
	if len(es) > storage.MaxEmployeePage {
		return fmt.Errorf("upsert employees: %w: %d in one batch, at most %d", storage.ErrInvalid, len(es), storage.MaxEmployeePage)
	}
	if len(es) == 0 {
		return nil
	}
	now := s.now()
	models := make([]mongodrv.WriteModel, len(es))
	for i, e := range es {
		if e.NIP == "" {
			return fmt.Errorf("upsert employees: %w: empty nip", storage.ErrInvalid)
		}
		models[i] = mongodrv.NewUpdateOneModel().SetFilter(byID(e.NIP)).SetUpdate(employeeUpdate(e, now)).SetUpsert(true)
	}
	if _, err := s.employees.BulkWrite(ctx, models, options.BulkWrite().SetOrdered(true)); err != nil {
		return fmt.Errorf("upsert %d employees: %w", len(es), mapErr(err))
	}
	return nil
}
