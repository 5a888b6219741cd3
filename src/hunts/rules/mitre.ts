// The ATT&CK tactics each technique belongs to, for the techniques sentinel-hunt suggests and
// their neighbours. The Azure-Sentinel validator requires a rule to list every tactic of each
// of its techniques (a sub-technique counts as its parent); a technique it does not know fails.
import type { AttackTactic } from './types';

const TECHNIQUE_TACTICS: Readonly<Record<string, readonly AttackTactic[]>> = {
  T1020: ['Exfiltration'], // Automated Exfiltration
  T1030: ['Exfiltration'], // Data Transfer Size Limits
  T1041: ['Exfiltration'], // Exfiltration Over C2 Channel
  T1048: ['Exfiltration'], // Exfiltration Over Alternative Protocol (.003: unencrypted, e.g. SMTP)
  T1567: ['Exfiltration'], // Exfiltration Over Web Service
  T1114: ['Collection'], // Email Collection (.003: forwarding rules)
  T1078: ['InitialAccess', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion'], // Valid Accounts
  T1566: ['InitialAccess'], // Phishing
  T1534: ['LateralMovement'], // Internal Spearphishing
  T1583: ['ResourceDevelopment'], // Acquire Infrastructure (.001: domains)
  T1584: ['ResourceDevelopment'], // Compromise Infrastructure
  T1585: ['ResourceDevelopment'], // Establish Accounts (.002: email accounts)
  T1586: ['ResourceDevelopment'], // Compromise Accounts
  T1598: ['Reconnaissance'], // Phishing for Information
};

/** The tactics of a technique (T1234 or T1234.001), or undefined when it is not in the table. */
export function tacticsOfTechnique(technique: string): readonly AttackTactic[] | undefined {
  return TECHNIQUE_TACTICS[technique.split('.')[0]];
}
