/**
 * The RAM actions a caller needs to connect a bus (the CLI's `autotag events connect`), each with why. The
 * action PutTargets is authorized under is not confirmed: the API page names none we could read, and fc3's
 * minimal policy for EventBridge triggers lists `eventbridge:UpdateTargets` (research.md §3), so both
 * spellings are listed.
 */
export const CONNECT_RAM_ACTIONS: readonly { action: string; why: string }[] = [
  { action: 'eventbridge:GetEventBus', why: 'checks that the bus DataWorks OpenEvent delivers to exists' },
  { action: 'eventbridge:GetRule', why: 'reads the rule back, so connecting twice changes nothing' },
  { action: 'eventbridge:CreateRule', why: 'creates the rule that sends DataWorks events on the bus to the events function' },
  { action: 'eventbridge:UpdateRule', why: 'restores the rule\'s filter pattern and status when they drifted' },
  { action: 'eventbridge:PutTargets', why: 'sets the events function as the rule\'s target' },
  { action: 'eventbridge:UpdateTargets', why: 'the name fc3\'s documented policy gives the permission PutTargets checks' },
];
