/** Library API of the operations capability (see docs/operations.md). */
export { type AlertEpisode, alertEpisodes } from './alert-episodes.js';
export { type RefineOptions, refineShiftPlan } from './refine.js';
export {
  allocateShiftPlan,
  allocateShifts,
  coverWithShifts,
  DEFAULT_SIZING,
  flatRota,
  hourlyWaitCost,
  hourOfWeekTemplate,
  type ShiftPlan,
  type SizingPolicy,
  scaleToStaffHours,
  sizeHours,
  staffHoursOf,
} from './rotas.js';
export {
  type BookingPolicyResult,
  evaluateScannerBooking,
  type ScannerEvaluation,
  type ScannerOptions,
  simulateBooking,
} from './scanner.js';
export {
  arrivalsFromCounts,
  DEFAULT_SERVICE,
  poissonArrivals,
  type QueueSimulationInput,
  type ServiceDistribution,
  serviceSampler,
  simulatePriorityQueue,
  simulateQueue,
  summarizeWaits,
  type WaitSummary,
} from './simulate.js';
export {
  evaluateStaffing,
  evaluateStaffingCsv,
  expandCurrentRota,
  planRotas,
  ROTA_IDS,
  type RotaId,
  type RotaResult,
  rotasAtStaffHours,
  type StaffingEvaluation,
  type StaffingEvaluationOptions,
  simulateRotas,
} from './staffing-eval.js';
