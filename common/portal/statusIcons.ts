/** Codicons for the portal's stack and image statuses (the AYS Images view). Pure. */
export function stackStatusIcon(status: string | undefined): string {
  switch (status) {
    case 'ENABLED':
      return 'vm-running';
    case 'MAINTENANCE':
      return 'tools';
    case 'DECOMMISSIONED':
      return 'circle-slash';
    case 'ERROR':
      return 'error';
    case undefined:
      return 'question';
    default:
      return 'vm-outline';
  }
}

export function imageStatusIcon(status: string): string {
  switch (status) {
    case 'CREATED':
      return 'file-binary';
    case 'CREATING':
      return 'loading~spin';
    case 'DISABLED':
      return 'circle-slash';
    case 'DELETED':
    case 'DESTROYED':
      return 'trash';
    default:
      return 'question';
  }
}
