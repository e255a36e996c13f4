package handlers

import (
	"context"
	"slices"

	"github.com/kinerjabot/kinerjabot/conversation"
)

// flowName names a conversation flow in the session (Session.Flow).
type flowName string

// flow is one conversation a chat can be in: while it is, the router hands
// it every update (after the commands and buttons that work from any
// step). Each flow has its own state type; newFlow checks the stored state
// against the flow's states and gives the step its typed value.
type flow struct {
	name flowName
	// linked: the flow is for a registered person; it ends (and the chat
	// is asked to register) when the chat is unlinked mid-flow.
	linked bool
	known  func(state string) bool
	step   func(r *Router, ctx context.Context, c *call) (conversation.Outcome, error)
}

func newFlow[S ~string](name flowName, linked bool, states []S,
	step func(r *Router, ctx context.Context, c *call, s S) (conversation.Outcome, error)) flow {
	return flow{
		name:   name,
		linked: linked,
		known:  func(s string) bool { return slices.Contains(states, S(s)) },
		step: func(r *Router, ctx context.Context, c *call) (conversation.Outcome, error) {
			return step(r, ctx, c, S(c.in.Session.State))
		},
	}
}

// flowTable is every flow, each in its own files: registration
// (register.go, linkcode.go), the report (report*.go, submit.go), the
// decision's reason (approve.go, approve_note.go), the citizen survey
// (survey.go), the appreciation (feedback.go), a supervisor's feedback
// (coach.go) and the answer to it (coach_reply.go).
func flowTable() map[flowName]flow {
	flows := []flow{
		newFlow(flowRegister, false, []registerState{stateAwaitContact}, (*Router).awaitContact),
		newFlow(flowReport, true, reportStates, (*Router).reportStep),
		newFlow(flowDecide, true, []decideState{stateReason, stateNoteConfirm}, (*Router).onReason),
		newFlow(flowSurvey, false, []surveyState{stateQuestion, stateComment}, (*Router).surveyStep),
		newFlow(flowFeedback, true, []feedbackState{statePick, stateValue, stateConfirm}, (*Router).feedbackStep),
		newFlow(flowEval, true, []evalState{evalNote, evalReason}, (*Router).evalStep),
		newFlow(flowCoach, true, []coachState{coachPick, coachTarget, coachNote}, (*Router).coachStep),
		newFlow(flowCoachAnswer, true, []coachAnswerState{coachAnswerText}, (*Router).coachAnswerStep),
	}
	out := make(map[flowName]flow, len(flows))
	for _, f := range flows {
		out[f.name] = f
	}
	return out
}
