// The public thanks list (致谢墙): anyone, signed in or not, reads who was thanked for valuable
// feedback, as a masked first name and a date (read-thanks-list.ts says what is shown and what never is).
import { publicCaching, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { FeedbackLimits } from '../limits';
import { readThanksList } from '../read-thanks-list';

export const thanksRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/feedback/thanks',
    {
      config: { auth: 'public' },
      onSend: publicCaching,
      schema: {
        tags: ['feedback'],
        summary: 'The public thanks list: authors of valuable feedback who opted in, newest thanks first',
        description: `At most ${FeedbackLimits.thanksListMax} entries. A name is the surname and a star (张*) or a Latin first name, from the author's verified real name; anonymous feedback never appears.`,
        querystring: Type.Object({
          limit: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: FeedbackLimits.thanksListMax,
              description: `entries, ${FeedbackLimits.thanksListMax} by default`,
            }),
          ),
        }),
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                name: Type.String({ description: '张* or a Latin first name; never the full name' }),
                thankedOn: Type.String({ format: 'date', description: 'the day the feedback was marked valuable' }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      data: await readThanksList(
        ctx.database.db,
        { masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone },
        request.query.limit ?? FeedbackLimits.thanksListMax,
      ),
    }),
  );
};
