// Route guard: a page for other roles sends the user to their own start page.
import type { Role } from '@callsim/protocol';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useSession } from '../auth/use-session.js';
import { homePathFor } from './navigation.js';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (!user) return <Navigate to="/login" replace />;
  if (!roles.includes(user.role)) return <Navigate to={homePathFor(user.role)} replace />;
  return <>{children}</>;
}
