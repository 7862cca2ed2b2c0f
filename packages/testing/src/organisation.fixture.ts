/** A small hall: one department, approval windows w1–w3 and a public-service window p1, staff s1–s4. */
export function organisationEvents(at = '2026-09-01T08:00:00+08:00') {
  const ev = (id: string, type: string, data: Record<string, unknown>) => ({ id, type, occurredAt: at, data });
  return [
    ev('org-dep', 'DepartmentRegistered', { departmentId: 'dep1', name: '市场监管局' }),
    ev('org-dep2', 'DepartmentRegistered', { departmentId: 'dep2', name: '公安局' }),
    ev('org-w1', 'WindowOpened', { windowId: 'w1', number: '01', name: '企业开办', departmentId: 'dep1', kind: 'approval' }),
    ev('org-w2', 'WindowOpened', { windowId: 'w2', number: '02', name: '食品许可', departmentId: 'dep1', kind: 'approval' }),
    ev('org-w3', 'WindowOpened', { windowId: 'w3', number: '03', name: '户籍', departmentId: 'dep2', kind: 'approval' }),
    ev('org-p1', 'WindowOpened', { windowId: 'p1', number: '11', name: '咨询', departmentId: 'dep2', kind: 'public_service' }),
    ev('org-s1', 'StaffRegistered', { staffId: 's1', name: '张三', departmentId: 'dep1' }),
    ev('org-s2', 'StaffRegistered', { staffId: 's2', name: '李四', departmentId: 'dep1' }),
    ev('org-s3', 'StaffRegistered', { staffId: 's3', name: '王五', departmentId: 'dep2' }),
    ev('org-s4', 'StaffRegistered', { staffId: 's4', name: '赵六', departmentId: 'dep2' }),
    ev('org-a1', 'StaffAssigned', { staffId: 's1', windowId: 'w1', post: 'A' }),
    ev('org-a2', 'StaffAssigned', { staffId: 's2', windowId: 'w2', post: 'A' }),
    ev('org-a3', 'StaffAssigned', { staffId: 's3', windowId: 'w3', post: 'A' }),
    ev('org-a4', 'StaffAssigned', { staffId: 's4', windowId: 'p1', post: 'A' }),
    ev('org-si', 'ServiceItemRegistered', { serviceItemId: 'item1', name: '营业执照', departmentId: 'dep1', committedWorkingDays: 3 }),
  ];
}
